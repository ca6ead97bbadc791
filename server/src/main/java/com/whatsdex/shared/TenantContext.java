package com.whatsdex.shared;

import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The workspace (and user) the current thread works for. The transaction manager copies it into the
 * transaction-local settings {@code app.tenant_id} / {@code app.user_id} that row-level security reads. Web
 * requests take it from the authenticated principal; jobs take it from their task data.
 */
public final class TenantContext {

    /** Who is acting: a workspace, optionally a signed-in user of it. */
    public record Scope(@Nullable UUID tenantId, @Nullable UUID userId) {}

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    public static @Nullable Scope current() {
        return CURRENT.get();
    }

    public static @Nullable UUID tenantId() {
        Scope scope = CURRENT.get();
        return scope == null ? null : scope.tenantId();
    }

    public static UUID requireTenantId() {
        UUID id = tenantId();
        if (id == null) {
            throw new IllegalStateException("No workspace in the current context");
        }
        return id;
    }

    public static void set(@Nullable Scope scope) {
        if (scope == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(scope);
        }
    }

    public static void runAs(UUID tenantId, Runnable action) {
        callAs(new Scope(tenantId, null), () -> {
            action.run();
            return null;
        });
    }

    public static <T> T callAs(UUID tenantId, Callable<T> action) {
        return callAs(new Scope(tenantId, null), action);
    }

    public static <T> T callAs(Scope scope, Callable<T> action) {
        Scope previous = CURRENT.get();
        CURRENT.set(scope);
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            set(previous);
        }
    }
}
