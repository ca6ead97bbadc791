package com.whatsdex.config;

import com.whatsdex.tenancy.Authenticator;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Browser calls carry the session cookie and, on writes, the CSRF token (double submit: cookie XSRF-TOKEN, header
 * X-XSRF-TOKEN). Programs use Bearer API keys and need no CSRF token. Sign-up and sign-in open a session rather
 * than use one, so they need no CSRF token either (the session cookie is SameSite=Lax).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /**
     * For the built dashboard (Vite emits only module scripts and stylesheets from our origin, no inline script) and
     * Swagger UI. Styles allow 'unsafe-inline' because Mantine sets its CSS variables in a style element and
     * components use style attributes. Images and media may come from any https origin: an outbound template's
     * media link is shown in the inbox. Nothing may frame the dashboard.
     */
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https:",
            "media-src 'self' blob: https:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /**
     * No observations of the security filter chain: it wraps each of its filters in one (about fifteen per request),
     * which a profile of the webhook load showed on every request, and nothing reads them. Each request is still
     * timed once, as {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http, Authenticator authenticator, SecurityProperties props, ErrorResponses errors)
            throws Exception {
        http.csrf(csrf -> csrf.spa()
                        .ignoringRequestMatchers(
                                request -> request.getHeader("Authorization") != null,
                                SecurityConfig::hasNoSessionCookie,
                                request -> request.getRequestURI().startsWith("/webhooks/"),
                                request -> request.getRequestURI().equals("/api/v1/auth/register"),
                                request -> request.getRequestURI().equals("/api/v1/auth/login")))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .contentTypeOptions(Customizer.withDefaults())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .addFilterBefore(
                        new CredentialsFilter(authenticator, props.adminToken(), errors), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/csrf")
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole("PLATFORM_ADMIN")
                        .requestMatchers("/api/**")
                        .hasRole("MEMBER")
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                                errors.write(response, 401, "unauthenticated", "Sign in or send an API key"))
                        .accessDeniedHandler((request, response, ex) -> {
                            if (ex instanceof CsrfException) {
                                errors.write(
                                        response,
                                        403,
                                        "forbidden",
                                        "Missing or invalid CSRF token: send the XSRF-TOKEN cookie's value as X-XSRF-TOKEN");
                            } else if (org.springframework.security.core.context.SecurityContextHolder.getContext()
                                            .getAuthentication()
                                    == null) {
                                errors.write(response, 401, "unauthenticated", "Sign in or send an API key");
                            } else {
                                errors.write(response, 403, "forbidden", "You are not allowed to do this");
                            }
                        }));
        return http.build();
    }

    /** CSRF guards the ambient session cookie; a request without one has nothing to forge. */
    private static boolean hasNoSessionCookie(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getCookies() == null) {
            return true;
        }
        for (var cookie : request.getCookies()) {
            if (Authenticator.SESSION_COOKIE.equals(cookie.getName())) {
                return false;
            }
        }
        return true;
    }
}
