package com.whatsdex.messaging.domain;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Messaging settings.
 *
 * @param mediaMaxSize the largest inbound media file the media worker stores ({@code whatsdex.messaging.media-max-size});
 *     Meta's own limit is 100 MB (documents)
 * @param mediaMinFreeSpace space the media store leaves free on its disk: a download that would leave less fails as
 *     "the server's disk was full" (the embedded database usually shares the disk and must not be the one to run out)
 * @param mediaDownloadAttempts runs of a media download before it fails for good (Meta's URLs expire within minutes)
 * @param mediaDownloadInitialBackoff wait after the first failed run, doubled per failure
 * @param mediaDownloadMaxBackoff the longest wait between two runs
 * @param webhookBatch the most webhooks of one workspace stored in one transaction: those that arrive while the
 *     workspace's previous transaction is being written wait for it and then share the next one
 */
@ConfigurationProperties("whatsdex.messaging")
public record MessagingProperties(
        @DefaultValue("100MB") DataSize mediaMaxSize,
        @DefaultValue("256MB") DataSize mediaMinFreeSpace,
        @DefaultValue("4") int mediaDownloadAttempts,
        @DefaultValue("2s") Duration mediaDownloadInitialBackoff,
        @DefaultValue("30s") Duration mediaDownloadMaxBackoff,
        @DefaultValue("100") int webhookBatch) {}
