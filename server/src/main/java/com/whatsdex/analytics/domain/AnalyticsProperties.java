package com.whatsdex.analytics.domain;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Analytics settings.
 *
 * @param rollupInterval how often the sweep looks for workspaces with changed days
 *     ({@code whatsdex.analytics.rollup-interval}); the rollups lag real time by about this much
 */
@ConfigurationProperties("whatsdex.analytics")
public record AnalyticsProperties(@DefaultValue("1m") Duration rollupInterval) {}
