package com.whatsdex.realtime.web;

import com.whatsdex.realtime.internal.EventStreams;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Principals;
import com.whatsdex.shared.WorkspacePrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "events")
class EventsController {

    private final EventStreams streams;

    EventsController(EventStreams streams) {
        this.streams = streams;
    }

    // No "produces": errors before the stream starts must still answer as the JSON envelope.
    @GetMapping("/api/v1/events")
    @Operation(
            summary = "Server-sent events of the current workspace, one stream per browser tab",
            description = "Starts with `event: ready`; then each event has `event:` = its type and `data:` = JSON"
                    + " with `type` and the payload. A comment line is sent every 20 s to keep proxies from"
                    + " closing an idle stream. After any reconnect, refetch what is on screen.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The event stream",
                            content = @Content(mediaType = "text/event-stream")))
    ResponseEntity<SseEmitter> events() {
        WorkspacePrincipal principal = Principals.current();
        if (principal.tenantId() == null) {
            throw ApiException.forbidden("Event streams belong to a workspace");
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                // nginx buffers responses by default, which would hold events back
                .header("X-Accel-Buffering", "no")
                .body(streams.open(principal.tenantId()));
    }
}
