package com.whatsdex.backups;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether Google Drive is linked (never the token).
 *
 * @param available whether this server has a Google OAuth client configured ({@code WHATSDEX_GOOGLE_CLIENT_ID} and
 *     {@code WHATSDEX_GOOGLE_CLIENT_SECRET}); without one Drive cannot be linked
 * @param allowed whether the workspace's plan includes Drive backups
 * @param upgradePlan the cheapest plan that does, when this one does not
 * @param email the linked Google account
 */
public record DriveLinkView(
        boolean available,
        boolean allowed,
        @Nullable String upgradePlan,
        boolean linked,
        @Nullable String email,
        @Nullable Instant linkedAt) {}
