package com.whatsdex.tenancy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trialDays how long a new workspace's trial lasts
 * @param trialPlan the plan a new workspace tries; afterwards it falls back to starter unless the operator set one
 */
@ConfigurationProperties("whatsdex.plans")
public record PlanProperties(
        @DefaultValue("14") int trialDays,
        @DefaultValue("pro") Plan trialPlan) {}
