package com.whatsdex.messaging.domain;

import com.whatsdex.jobs.RetryPolicy;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MediaJobs {

    static final String DOWNLOAD = "messaging.media-download";

    // Meta's media URLs stay valid for minutes, so a few quick retries help and long ones would not
    @Bean
    TenantTask<MediaDownload> mediaDownloadTask(MediaStore store) {
        return TenantTask.of(
                DOWNLOAD,
                WorkerGroup.media,
                MediaDownload.class,
                new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(30)),
                (data, ctx) -> store.download(data.messageId()));
    }
}
