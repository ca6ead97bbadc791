package com.whatsdex.analytics.web;

import com.whatsdex.analytics.AnalyticsViews;
import com.whatsdex.analytics.domain.AnalyticsService;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "analytics")
class AnalyticsController {

    private final AnalyticsService analytics;

    AnalyticsController(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GetMapping("/dashboard")
    @Operation(summary = "Messages this month vs the plan, channels, contacts, running campaigns, 7-day rates")
    ApiResponse<AnalyticsViews.Dashboard> dashboard() {
        return ApiResponse.of(analytics.dashboard());
    }

    @GetMapping("/messages")
    @Operation(
            summary = "Daily message counts over [from, to] in the workspace's time zone, every day present",
            description = "Defaults to the last 30 days; at most 366 days; channelId narrows to one channel")
    ApiResponse<AnalyticsViews.MessageSeries> messages(
            @RequestParam(required = false) @Nullable LocalDate from,
            @RequestParam(required = false) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable UUID channelId) {
        return ApiResponse.of(analytics.messages(from, to, channelId));
    }

    @GetMapping("/usage")
    @Operation(summary = "Each metered quantity vs its plan limit, this month's daily usage, the last 12 months")
    ApiResponse<AnalyticsViews.Usage> usage() {
        return ApiResponse.of(analytics.usage());
    }
}
