package com.whatsdex.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.whatsdex.secrets.internal.MasterKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTests {

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretBox box = SecretBox.withKey(randomKey());

    @Test
    void sealedSecretOpensToThePlaintext() {
        String sealed = box.seal("EAAG-access-token-✓");

        assertThat(sealed).startsWith("v1:").doesNotContain("EAAG");
        assertThat(box.open(sealed)).isEqualTo("EAAG-access-token-✓");
        assertThat(box.open(box.seal(""))).isEmpty();
    }

    @Test
    void everySealUsesAFreshNonce() {
        String first = box.seal("same secret");
        String second = box.seal("same secret");

        assertThat(first).isNotEqualTo(second);
        byte[] a = Base64.getDecoder().decode(first.substring(3));
        byte[] b = Base64.getDecoder().decode(second.substring(3));
        assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
        // nonce + ciphertext (as long as the plaintext) + 16-byte tag
        assertThat(a).hasSize(12 + "same secret".length() + 16);
    }

    @Test
    void alteredSecretIsRejected() {
        String sealed = box.seal("refresh-token");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        for (int i : new int[] {0, 12, bytes.length - 1}) { // nonce, ciphertext, tag
            byte[] flipped = bytes.clone();
            flipped[i] ^= 1;
            String tampered = "v1:" + Base64.getEncoder().encodeToString(flipped);
            assertThatThrownBy(() -> box.open(tampered))
                    .isInstanceOf(SecretUnreadableException.class)
                    .hasMessageContaining("altered");
        }
        assertThatThrownBy(() -> box.open(sealed.substring(0, 10)))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> box.open("plain text"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("v1:");
        assertThatThrownBy(() -> box.open("v1:***"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void anotherKeyCannotOpen() {
        String sealed = box.seal("refresh-token");

        assertThatThrownBy(() -> SecretBox.withKey(randomKey()).open(sealed))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("another master key");
    }

    @Test
    void secretOpensOnlyWithItsAssociatedData() {
        String sealed = box.seal("token", "channel:tenant-a:1");

        assertThat(box.open(sealed, "channel:tenant-a:1")).isEqualTo("token");
        assertThatThrownBy(() -> box.open(sealed, "channel:tenant-b:1")).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> box.open(sealed)).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> box.open(box.seal("token"), "channel:tenant-a:1"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void keyFileIsCreatedOnceOwnerOnlyAndReused(@TempDir Path dataDir) throws Exception {
        Path dir = dataDir.resolve("data"); // does not exist yet, as on a first start
        byte[] first = MasterKeys.load(null, dir);
        Path file = dir.resolve("master.key");

        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String content = Files.readString(file);
        assertThat(MasterKeys.load("", dir)).isEqualTo(first);
        assertThat(Files.readString(file)).isEqualTo(content);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }

        String sealed = SecretBox.withKey(first).seal("survives a restart");
        assertThat(SecretBox.withKey(MasterKeys.load(null, dir)).open(sealed)).isEqualTo("survives a restart");
    }

    @Test
    void configuredKeyWinsOverTheKeyFile(@TempDir Path dataDir) {
        byte[] key = randomKey();

        byte[] loaded = MasterKeys.load(" " + Base64.getEncoder().encodeToString(key) + "\n", dataDir);

        assertThat(loaded).isEqualTo(key);
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }

    @Test
    void keyOfTheWrongLengthIsRejected(@TempDir Path dataDir) throws Exception {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> MasterKeys.load(short16, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WHATSDEX_MASTER_KEY")
                .hasMessageContaining("decodes to 16 bytes")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> MasterKeys.load("not base64!", dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not valid base64");

        Files.writeString(dataDir.resolve("master.key"), short16, StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> MasterKeys.load(null, dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master.key")
                .hasMessageContaining("decodes to 16 bytes");
        assertThatThrownBy(() -> SecretBox.withKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
