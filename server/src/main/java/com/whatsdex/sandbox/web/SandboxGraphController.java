package com.whatsdex.sandbox.web;

import com.whatsdex.sandbox.internal.GraphResponse;
import com.whatsdex.sandbox.internal.GraphRouter;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Graph API emulator on the application's own port. It answers in Meta's shapes, not the WhatsDeX envelope,
 * and is hidden from the OpenAPI document because it is Meta's API, not ours. Every call needs the number's access
 * token, so being reachable from outside loopback exposes nothing.
 */
@RestController
@Hidden
class SandboxGraphController {

    private final GraphRouter router;

    SandboxGraphController(GraphRouter router) {
        this.router = router;
    }

    @RequestMapping({"/sandbox/graph/**", "/sandbox/media/**"})
    ResponseEntity<byte[]> graph(HttpServletRequest request, @RequestBody(required = false) byte @Nullable [] body) {
        GraphResponse answer = router.handle(
                request.getMethod(),
                request.getRequestURI(),
                request.getHeader(HttpHeaders.AUTHORIZATION),
                body == null ? new byte[0] : body);
        return ResponseEntity.status(answer.status())
                .header(HttpHeaders.CONTENT_TYPE, answer.contentType())
                .body(answer.body());
    }
}
