package com.whatsdex.backups.google;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Google OAuth client and the endpoints it talks to. Linking Drive is possible when the client id and secret are
 * set; the URLs default to Google's and exist so tests can point them at a local fake.
 *
 * @param clientId the OAuth client's id ({@code WHATSDEX_GOOGLE_CLIENT_ID})
 * @param clientSecret its secret ({@code WHATSDEX_GOOGLE_CLIENT_SECRET})
 * @param authUri where the browser signs in and consents ({@code WHATSDEX_GOOGLE_AUTH_URI})
 * @param tokenUri where codes and refresh tokens become access tokens ({@code WHATSDEX_GOOGLE_TOKEN_URI})
 * @param revokeUri where unlinking revokes the refresh token ({@code WHATSDEX_GOOGLE_REVOKE_URI})
 * @param driveRootUrl the Drive API root, ending in {@code /} ({@code WHATSDEX_GOOGLE_DRIVE_ROOT_URL})
 * @param uploadChunk bytes per resumable-upload request: a multiple of 256 KiB, held in memory while it is sent
 * @param timeout how long one request may take
 */
@ConfigurationProperties("whatsdex.google")
public record GoogleProperties(
        @Nullable String clientId,
        @Nullable String clientSecret,

        @DefaultValue("https://accounts.google.com/o/oauth2/v2/auth")
        String authUri,

        @DefaultValue("https://oauth2.googleapis.com/token") String tokenUri,

        @DefaultValue("https://oauth2.googleapis.com/revoke")
        String revokeUri,

        @DefaultValue("https://www.googleapis.com/") String driveRootUrl,
        @DefaultValue("8MB") DataSize uploadChunk,
        @DefaultValue("60s") Duration timeout) {

    /** Files this app creates, and the account's email to show which account is linked. */
    public static final String SCOPE = "https://www.googleapis.com/auth/drive.file openid email";

    public GoogleProperties {
        if (uploadChunk.toBytes() < 256 * 1024 || uploadChunk.toBytes() % (256 * 1024) != 0) {
            throw new IllegalArgumentException("whatsdex.google.upload-chunk must be a multiple of 256KB");
        }
        if (!driveRootUrl.endsWith("/")) {
            driveRootUrl = driveRootUrl + "/";
        }
    }

    @Override
    public String toString() {
        return "GoogleProperties[clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? null : "[redacted]")
                + ", authUri=" + authUri + ", tokenUri=" + tokenUri + ", revokeUri=" + revokeUri + ", driveRootUrl="
                + driveRootUrl + ", uploadChunk=" + uploadChunk + ", timeout=" + timeout + "]";
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }
}
