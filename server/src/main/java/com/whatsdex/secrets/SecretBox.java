package com.whatsdex.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage with AES-256-GCM under the master key ({@code WHATSDEX_MASTER_KEY}, or the key file
 * generated in the data directory). Every seal uses a fresh random 12-byte nonce, so sealing the same value twice
 * gives different strings; the GCM tag makes any change to the sealed string, or opening it with another key,
 * fail loudly.
 *
 * <p>Sealed form: {@code v1:<base64(nonce | ciphertext | tag)>}. The version prefix lets a later format or key
 * rotation tell old values apart.
 *
 * <p>Associated data binds a secret to where it belongs, so a sealed value copied to another row or workspace does
 * not open there:
 *
 * <pre>{@code
 * String sealed = secrets.seal(accessToken, "channel:" + tenantId + ":" + channelId);
 * String token = secrets.open(sealed, "channel:" + tenantId + ":" + channelId);
 * }</pre>
 */
public final class SecretBox {

    static final String VERSION = "v1:";
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final byte[] NO_AAD = new byte[0];

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(SecretKey key) {
        this.key = key;
    }

    /** A box over the given 32-byte key. Applications get the configured bean; this is for wiring and tests. */
    public static SecretBox withKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("The master key must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        return new SecretBox(new SecretKeySpec(key.clone(), "AES"));
    }

    public String seal(String plaintext) {
        return seal(plaintext, NO_AAD);
    }

    /**
     * An unforgeable tag for {@code message} (HMAC-SHA-256 under a key derived from the master key for
     * {@code purpose}, 128 bits, base64url): for capability URLs such as public media links, which must work without
     * a session and must not be guessable or transferable to another resource.
     */
    public String mac(String purpose, String message) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] purposeKey = derive.doFinal(("mac:" + purpose).getBytes(StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
            byte[] tag = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /** Whether {@code tag} is {@link #mac}'s tag for the message, compared in constant time. */
    public boolean verifyMac(String purpose, String message, String tag) {
        return java.security.MessageDigest.isEqual(
                mac(purpose, message).getBytes(StandardCharsets.US_ASCII), tag.getBytes(StandardCharsets.US_ASCII));
    }

    /** @param associatedData not secret, not stored; the same value must be given to {@link #open(String, String)} */
    public String seal(String plaintext, String associatedData) {
        return seal(plaintext, associatedData.getBytes(StandardCharsets.UTF_8));
    }

    public String open(String sealed) {
        return open(sealed, NO_AAD);
    }

    public String open(String sealed, String associatedData) {
        return open(sealed, associatedData.getBytes(StandardCharsets.UTF_8));
    }

    private String seal(String plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            // AES-GCM is mandatory in every JDK; reaching this is a broken runtime, not bad input
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private String open(String sealed, byte[] aad) {
        if (!sealed.startsWith(VERSION)) {
            throw new SecretUnreadableException("Not a sealed secret (expected the prefix " + VERSION + ")");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadableException("Sealed secret is not valid base64", e);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadableException("Sealed secret is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(bytes, 0, NONCE_BYTES)));
            cipher.updateAAD(aad);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException(
                    "Sealed secret failed authentication: it was altered, sealed with another master key"
                            + " (was WHATSDEX_MASTER_KEY or master.key changed?), or bound to other associated data",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM]"; // never the key
    }
}
