package com.whatsdex.tenancy;

import com.whatsdex.shared.WorkspacePrincipal;
import java.util.Optional;

/** Turns a credential from a request into a principal; used by the security filter chain. */
public interface Authenticator {

    String SESSION_COOKIE = "WDX_SESSION";

    Optional<WorkspacePrincipal> bySessionToken(String token);

    Optional<WorkspacePrincipal> byApiKey(String key);
}
