package com.whatsdex.messaging.domain;

import com.whatsdex.jobs.TenantJobData;
import java.util.UUID;

/** The media worker's job: fetch the file of an inbound message into the media store. */
public record MediaDownload(UUID tenantId, UUID messageId) implements TenantJobData {}
