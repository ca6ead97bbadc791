package com.whatsdex.tenancy.web;

import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.Principals;
import com.whatsdex.shared.WhatsDexProperties;
import com.whatsdex.tenancy.Authenticator;
import com.whatsdex.tenancy.domain.AuthService;
import com.whatsdex.tenancy.domain.AuthService.Me;
import com.whatsdex.tenancy.domain.Commands.LoginCmd;
import com.whatsdex.tenancy.domain.Commands.RegisterCmd;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth")
class AuthController {

    record CsrfView(String headerName, String token) {}

    private final AuthService auth;
    private final WhatsDexProperties properties;

    AuthController(AuthService auth, WhatsDexProperties properties) {
        this.auth = auth;
        this.properties = properties;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a workspace and its owner, and sign in")
    ApiResponse<Me> register(
            @Valid @RequestBody RegisterCmd cmd,
            HttpServletResponse response,
            @Parameter(hidden = true) CsrfToken csrf) {
        AuthService.SignedIn signedIn = auth.register(cmd);
        setSessionCookie(response, signedIn.sessionToken(), AuthService.SESSION_LIFETIME);
        csrf.getToken(); // makes sure the XSRF-TOKEN cookie is set for the first write
        return ApiResponse.of(signedIn.me());
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in; repeated failures are throttled (429)")
    ApiResponse<Me> login(
            @Valid @RequestBody LoginCmd cmd,
            HttpServletRequest request,
            HttpServletResponse response,
            @Parameter(hidden = true) CsrfToken csrf) {
        AuthService.SignedIn signedIn = auth.login(cmd, request.getRemoteAddr());
        setSessionCookie(response, signedIn.sessionToken(), AuthService.SESSION_LIFETIME);
        csrf.getToken();
        return ApiResponse.of(signedIn.me());
    }

    @PostMapping("/logout")
    @Operation(summary = "Sign out this browser")
    ApiResponse<Void> logout(
            @CookieValue(name = Authenticator.SESSION_COOKIE, required = false) @Nullable String token,
            HttpServletResponse response) {
        if (token != null) {
            auth.logout(token);
        }
        setSessionCookie(response, "", Duration.ZERO);
        return ApiResponse.empty();
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user and their workspace")
    ApiResponse<Me> me() {
        return ApiResponse.of(auth.me(Principals.current().scope()));
    }

    @GetMapping("/csrf")
    @Operation(summary = "The CSRF token (also set as the XSRF-TOKEN cookie); send it as X-XSRF-TOKEN on writes")
    ApiResponse<CsrfView> csrf(@Parameter(hidden = true) CsrfToken csrf) {
        return ApiResponse.of(new CsrfView(csrf.getHeaderName(), csrf.getToken()));
    }

    private void setSessionCookie(HttpServletResponse response, String value, Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(Authenticator.SESSION_COOKIE, value)
                .httpOnly(true)
                .secure(properties.secureCookies())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
