package com.whatsdex.jobs;

/**
 * Thrown by a {@link TenantTask}'s handler when retrying cannot help (a file over the size limit, a resource the
 * provider no longer has): the execution is parked in {@code failed_jobs} at once instead of after its
 * {@link RetryPolicy}'s remaining attempts.
 */
public final class PermanentJobFailure extends Exception {

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
