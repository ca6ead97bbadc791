package com.whatsdex.shared;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: a member of a workspace signed in through the browser, a program with an API key of that
 * workspace, or the platform operator (no workspace).
 */
public record WorkspacePrincipal(
        @Nullable UUID tenantId,
        @Nullable UUID userId,
        @Nullable Role role,
        Kind kind,
        @Nullable UUID apiKeyId) {

    public enum Kind {
        SESSION,
        API_KEY,
        OPERATOR
    }

    public static WorkspacePrincipal operator() {
        return new WorkspacePrincipal(null, null, null, Kind.OPERATOR, null);
    }

    public TenantContext.Scope scope() {
        return new TenantContext.Scope(tenantId, userId);
    }
}
