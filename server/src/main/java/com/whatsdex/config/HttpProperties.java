package com.whatsdex.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxJsonBody the largest request body accepted outside upload endpoints
 * @param uploadPaths path prefixes that take large bodies and enforce their own limits
 */
@ConfigurationProperties("whatsdex.http")
record HttpProperties(
        @DefaultValue("1MB") DataSize maxJsonBody,
        @DefaultValue List<String> uploadPaths) {}
