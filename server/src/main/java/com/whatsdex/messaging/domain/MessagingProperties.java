package com.whatsdex.messaging.domain;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Messaging settings.
 *
 * @param mediaMaxSize the largest inbound media file the media worker stores ({@code whatsdex.messaging.media-max-size});
 *     Meta's own limit is 100 MB (documents)
 */
@ConfigurationProperties("whatsdex.messaging")
public record MessagingProperties(@DefaultValue("100MB") DataSize mediaMaxSize) {}
