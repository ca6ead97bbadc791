package com.whatsdex.tenancy.domain;

import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing: Argon2id (Spring Security's 5.8 defaults: 16 MiB, 2 passes), stored with an {@code {argon2}}
 * prefix so a later algorithm can take over and old hashes are upgraded at the next sign-in.
 */
@Component
class Passwords {

    private final PasswordEncoder encoder = new DelegatingPasswordEncoder(
            "argon2", Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));

    /** Checked when the email is unknown, so a wrong email takes as long as a wrong password. */
    private final String decoyHash = encoder.encode("a decoy password that nobody has");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    void burnTime(String password) {
        encoder.matches(password, decoyHash);
    }

    boolean needsUpgrade(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
