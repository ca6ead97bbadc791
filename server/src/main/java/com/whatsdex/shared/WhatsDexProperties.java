package com.whatsdex.shared;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module may read.
 *
 * @param dataDir where the embedded database, the master key and media live ({@code WHATSDEX_DATA_DIR})
 * @param publicUrl how the outside world reaches this server, for webhook and OAuth callback URLs
 *     ({@code WHATSDEX_PUBLIC_URL})
 */
@ConfigurationProperties("whatsdex")
public record WhatsDexProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String publicUrl) {

    public boolean secureCookies() {
        return publicUrl.startsWith("https://");
    }
}
