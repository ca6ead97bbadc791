package com.whatsdex.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param adminToken the platform operator's bearer token ({@code WHATSDEX_ADMIN_TOKEN}); unset disables it */
@ConfigurationProperties("whatsdex.security")
record SecurityProperties(@Nullable String adminToken) {

    @Override
    public String toString() {
        return "SecurityProperties[adminToken=" + (adminToken == null ? null : "[redacted]") + "]";
    }
}
