package com.whatsdex.config;

import com.whatsdex.tenancy.Authenticator;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Browser calls carry the session cookie and, on writes, the CSRF token (double submit: cookie XSRF-TOKEN, header
 * X-XSRF-TOKEN). Programs use Bearer API keys and need no CSRF token. Sign-up and sign-in open a session rather
 * than use one, so they need no CSRF token either (the session cookie is SameSite=Lax).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

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
