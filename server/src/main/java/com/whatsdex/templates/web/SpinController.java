package com.whatsdex.templates.web;

import com.whatsdex.shared.ApiResponse;
import com.whatsdex.templates.domain.SpinAvailability;
import com.whatsdex.templates.domain.SpinResult;
import com.whatsdex.templates.domain.SpinService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/templates/spin")
@Tag(name = "templates")
class SpinController {

    record SpinCmd(
            @NotBlank(message = "is required") @Size(max = 4096, message = "must be at most 4096 characters")
            String body,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be between 1 and 10")
            @Max(value = 10, message = "must be between 1 and 10")
            Integer count) {}

    private final SpinService spins;

    SpinController(SpinService spins) {
        this.spins = spins;
    }

    @PostMapping
    @Operation(
            summary = "Rewrite a body with AI (Enterprise)",
            description = "Asks the AI provider for count variants with the same meaning, tone and language. A"
                    + " variant that drops, adds or alters a {{variable}}, or does not parse, is listed in rejected"
                    + " with the reason; duplicates and copies of the body are dropped. 403 upgrade_required below"
                    + " Enterprise, 503 ai_not_configured without a provider, 502 ai_provider_error when the"
                    + " provider fails or times out, 429 rate_limited (Retry-After) above 2 spins in flight per"
                    + " workspace.")
    ApiResponse<SpinResult> spin(@Valid @RequestBody SpinCmd cmd) {
        return ApiResponse.of(spins.spin(cmd.body(), cmd.count()));
    }

    @GetMapping("/availability")
    @Operation(
            summary = "Whether AI spinning is available",
            description = "For the dashboard: reason upgrade_required or ai_not_configured with a sentence to show"
                    + " beside the disabled button.")
    ApiResponse<SpinAvailability> spinAvailability() {
        return ApiResponse.of(spins.availability());
    }
}
