package com.whatsdex.messaging.domain;

import com.whatsdex.jobs.PermanentJobFailure;
import com.whatsdex.jobs.RetryPolicy;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MediaJobs {

    static final String DOWNLOAD = "messaging.media-download";

    // Meta's media URLs stay valid for minutes, so a few quick retries help and long ones would not. The store
    // records why a file is missing when the download fails for good: at once when retrying cannot help, else on
    // the last attempt (an earlier failure may still be followed by a success).
    @Bean
    TenantTask<MediaDownload> mediaDownloadTask(MediaStore store, MessagingProperties properties) {
        RetryPolicy retry = new RetryPolicy(
                properties.mediaDownloadAttempts(),
                properties.mediaDownloadInitialBackoff(),
                properties.mediaDownloadMaxBackoff());
        return TenantTask.of(DOWNLOAD, WorkerGroup.media, MediaDownload.class, retry, (data, ctx) -> {
            try {
                store.download(data.messageId(), ctx.attempt(), !retry.allowsRetryAfter(ctx.attempt()));
            } catch (MediaStore.NotStoredException e) {
                if (!e.permanent()) {
                    throw e;
                }
                throw new PermanentJobFailure(e.getMessage(), e);
            }
        });
    }
}
