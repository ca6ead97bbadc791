package com.whatsdex.tenancy.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Random bearer secrets and their stored form (SHA-256; the secrets are 256-bit random, so no salt is needed). */
final class Tokens {

    static final String API_KEY_PREFIX = "wdx_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {}

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code wdx_<secret>_<workspace id, base64url>}: the secret first, so the first characters tell keys apart in
     * lists; the workspace id lets the lookup run under that workspace's row-level security.
     */
    static String apiKey(UUID tenantId) {
        ByteBuffer id = ByteBuffer.allocate(16)
                .putLong(tenantId.getMostSignificantBits())
                .putLong(tenantId.getLeastSignificantBits());
        return API_KEY_PREFIX + random() + "_" + B64.encodeToString(id.array());
    }

    static final int API_KEY_LENGTH = 4 + 43 + 1 + 22;

    static Optional<UUID> apiKeyTenant(String key) {
        if (!key.startsWith(API_KEY_PREFIX) || key.length() != API_KEY_LENGTH || key.charAt(47) != '_') {
            return Optional.empty();
        }
        try {
            ByteBuffer id = ByteBuffer.wrap(Base64.getUrlDecoder().decode(key.substring(48)));
            return Optional.of(new UUID(id.getLong(), id.getLong()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What lists show of a key: enough to recognise it, too little to use it. */
    static String displayPrefix(String key) {
        return key.substring(0, 12);
    }
}
