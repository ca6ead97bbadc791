package com.whatsdex.config;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WorkspacePrincipal;
import com.whatsdex.tenancy.Authenticator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the caller's credential (operator token or API key as Bearer, else the session cookie), and for the rest
 * of the request sets both Spring Security's context and the {@link TenantContext} that transactions use.
 */
final class CredentialsFilter extends OncePerRequestFilter {

    private final Authenticator authenticator;
    private final @Nullable String adminToken;
    private final ErrorResponses errors;

    CredentialsFilter(Authenticator authenticator, @Nullable String adminToken, ErrorResponses errors) {
        this.authenticator = authenticator;
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<WorkspacePrincipal> principal;
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                errors.write(response, 401, "unauthenticated", "Authorization must be 'Bearer <API key>'");
                return;
            }
            String token = authorization.substring(7).trim();
            principal =
                    isAdminToken(token) ? Optional.of(WorkspacePrincipal.operator()) : authenticator.byApiKey(token);
            if (principal.isEmpty()) {
                errors.write(response, 401, "unauthenticated", "The API key is not valid or was revoked");
                return;
            }
        } else {
            principal = sessionToken(request).flatMap(authenticator::bySessionToken);
        }
        if (principal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        WorkspacePrincipal p = principal.get();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(p, null, authorities(p));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        TenantContext.set(p.scope());
        try {
            chain.doFilter(request, response);
        } finally {
            // the security context stays: ExceptionTranslationFilter, further out, reads it to tell 401 from 403;
            // SecurityContextHolderFilter clears it when the request ends
            TenantContext.set(null);
        }
    }

    private boolean isAdminToken(String token) {
        return adminToken != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> sessionToken(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (Authenticator.SESSION_COOKIE.equals(cookie.getName())
                    && !cookie.getValue().isBlank()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static List<GrantedAuthority> authorities(WorkspacePrincipal p) {
        List<GrantedAuthority> list = new ArrayList<>();
        if (p.kind() == WorkspacePrincipal.Kind.OPERATOR) {
            list.add(new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN"));
        } else {
            list.add(new SimpleGrantedAuthority("ROLE_MEMBER"));
        }
        if (p.role() != null) {
            list.add(new SimpleGrantedAuthority("ROLE_" + p.role().name().toUpperCase(java.util.Locale.ROOT)));
        }
        return list;
    }
}
