package com.whatsdex.shared;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, and the role checks services make. */
public final class Principals {

    private Principals() {}

    public static WorkspacePrincipal current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof WorkspacePrincipal principal) {
            return principal;
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in first");
    }

    /** Owners and admins manage channels, billing, backups, API keys and the team; agents do not. */
    public static WorkspacePrincipal requireManager(String action) {
        WorkspacePrincipal principal = current();
        if (principal.role() == null || !principal.role().canManageWorkspace()) {
            throw ApiException.forbidden("Only owners and admins can " + action);
        }
        return principal;
    }
}
