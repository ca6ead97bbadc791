package com.whatsdex.contacts.domain;

import java.time.Instant;
import java.util.UUID;

/** A saved filter of contacts; who is in it is decided when it is used, never stored. */
public record Audience(UUID id, String name, AudienceFilter filter, Instant createdAt, Instant updatedAt) {}
