package com.whatsdex.jobs.internal;

import org.jspecify.annotations.Nullable;

/** Carries a checked exception of a handler through db-scheduler, which only accepts unchecked ones. */
final class JobFailure extends RuntimeException {

    JobFailure(Exception cause) {
        super(cause.toString(), cause);
    }

    static @Nullable Throwable unwrap(@Nullable Throwable failure) {
        return failure instanceof JobFailure && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Runs a handler, rethrowing what it throws unchecked. */
    static void run(Body body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailure(e);
        } catch (Exception e) {
            throw new JobFailure(e);
        }
    }

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }
}
