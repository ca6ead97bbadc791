package com.whatsdex.backups;

import com.whatsdex.backups.google.GoogleProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.util.unit.DataSize;

/**
 * Points the shared test context's Google clients at one {@link FakeGoogle} for the whole run, with the smallest
 * upload chunk Drive allows (256 KB) so a test archive spans several chunks.
 */
@Configuration(proxyBeanMethods = false)
class TestGoogleConfig {

    static final FakeGoogle GOOGLE = start();

    private static FakeGoogle start() {
        try {
            FakeGoogle fake = new FakeGoogle();
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    @Primary
    GoogleProperties fakeGoogleProperties() {
        String base = GOOGLE.baseUrl();
        return new GoogleProperties(
                FakeGoogle.CLIENT_ID,
                FakeGoogle.CLIENT_SECRET,
                base + "/auth",
                base + "/token",
                base + "/revoke",
                base + "/",
                DataSize.ofKilobytes(256),
                Duration.ofSeconds(10));
    }
}
