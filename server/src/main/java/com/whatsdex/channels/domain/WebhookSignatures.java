package com.whatsdex.channels.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}. */
final class WebhookSignatures {

    private static final String PREFIX = "sha256=";

    private WebhookSignatures() {}

    static String sign(String appSecret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(appSecret, body));
    }

    /** Compares the MAC bytes in constant time; a missing or malformed header is simply not valid. */
    static boolean matches(String appSecret, byte[] body, @Nullable String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(appSecret, body), given);
    }

    /** Constant-time equality of two tokens, so a wrong guess reveals nothing about how close it was. */
    static boolean sameToken(String expected, @Nullable String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256 is mandatory in every JDK and any non-empty key is valid for it
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
