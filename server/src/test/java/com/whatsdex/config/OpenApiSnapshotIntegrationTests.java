package com.whatsdex.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's API types are generated from web/openapi.json. This test fails when that copy differs from what
 * the server publishes; {@code ./mvnw -pl server test -Dtest=OpenApiSnapshotIntegrationTests
 * -Dwhatsdex.openapi.update=true} (or scripts/update-api.sh) rewrites it.
 */
@IntegrationTest
class OpenApiSnapshotIntegrationTests {

    static final Path SNAPSHOT = Path.of("../web/openapi.json");

    @LocalServerPort
    int port;

    @Test
    void dashboardCopyOfTheApiDocumentIsCurrent() throws IOException {
        Browser.Response docs = new Browser(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonMapper pretty = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
        String current = pretty.writeValueAsString(pretty.readValue(docs.raw(), Map.class)) + "\n";
        if (Boolean.getBoolean("whatsdex.openapi.update")) {
            Files.writeString(SNAPSHOT, current);
        }
        assertThat(Files.exists(SNAPSHOT)).as("web/openapi.json exists").isTrue();
        assertThat(Files.readString(SNAPSHOT))
                .as("web/openapi.json is stale: run scripts/update-api.sh and commit web/openapi.json and"
                        + " web/src/api/schema.d.ts")
                .isEqualTo(current);
    }
}
