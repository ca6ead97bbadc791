package com.whatsdex.config;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminToken the platform operator's bearer token ({@code WHATSDEX_ADMIN_TOKEN}); unset disables it
 * @param trustedProxies CIDRs of reverse proxies in front of the server ({@code WHATSDEX_TRUSTED_PROXIES}); a request
 *     from one of them is taken to come from the address its {@code X-Forwarded-For} names (see
 *     {@link ForwardedClientAddressFilter}); empty: the header is never read
 */
@ConfigurationProperties("whatsdex.security")
record SecurityProperties(
        @Nullable String adminToken, @DefaultValue List<String> trustedProxies) {

    @Override
    public String toString() {
        return "SecurityProperties[adminToken=" + (adminToken == null ? null : "[redacted]") + ", trustedProxies="
                + trustedProxies + "]";
    }
}
