package com.whatsdex.contacts.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The fuzzer's files ({@link CsvImportFuzzTests#generate}) uploaded over HTTP to the preview and the import, as
 * multipart and as a raw body: every answer is 2xx or 4xx, and every accepted import ends completed or failed with
 * the parser's reason, never with an internal error.
 */
@IntegrationTest
class ImportFuzzIntegrationTests {

    private static final Set<Integer> ANSWERS = Set.of(200, 202, 400, 413);

    @LocalServerPort
    int port;

    @Test
    void mutatedUploadsAnswerAClientErrorOrImportWithoutAnInternalError() {
        Browser owner = new Browser(port).register("Import Fuzz");
        Random random = new Random(0xC5F);
        List<String> failures = new ArrayList<>();
        List<String> imports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] file = CsvImportFuzzTests.generate(random);
            Browser.Response r = switch (i % 4) {
                case 0 -> owner.multipart("/api/v1/contacts/imports/preview", "file", "f.csv", file, Map.of());
                case 1 -> owner.bytes("POST", "/api/v1/contacts/imports/preview?defaultCountry=NG", file, "text/csv");
                case 2 -> owner.multipart("/api/v1/contacts/imports", "file", "f.csv", file, Map.of("tags", "fuzz"));
                default -> owner.bytes("POST", "/api/v1/contacts/imports?filename=f.csv", file, "text/csv");
            };
            if (!ANSWERS.contains(r.status())) {
                failures.add("upload " + i + " (" + file.length + " bytes) -> " + r.status() + " " + r.raw());
            }
            if (r.status() == 202) {
                imports.add(r.data().path("id").asString());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(imports).as("some fuzzed files were accepted").isNotEmpty();
        for (String id : imports) {
            var ended = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> owner.get("/api/v1/contacts/imports/" + id).data(),
                            d -> Set.of("completed", "failed", "cancelled")
                                    .contains(d.path("status").asString()));
            assertThat(ended.path("error").asString("")).as("import %s", id).doesNotContain("internal error");
        }
    }

    @Test
    void aFileWhoseFirstMegabyteHasNoLineBreakIsRefusedAtUploadWithNothingStored() {
        Browser owner = new Browser(port).register("Long Line");
        byte[] line = new byte[ImportService.CHUNK_BYTES + 1000];
        Arrays.fill(line, (byte) 'a');

        Browser.Response r = owner.bytes("POST", "/api/v1/contacts/imports?filename=long.csv", line, "text/csv");

        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_file");
        assertThat(r.body().path("error").path("message").asString()).contains("first line");
        assertThat(owner.get("/api/v1/contacts/imports").data().path("items")).isEmpty();
        Browser.Response preview = owner.bytes(
                "POST",
                "/api/v1/contacts/imports/preview",
                new String(line, StandardCharsets.US_ASCII).getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertThat(preview.status()).isEqualTo(400);
    }
}
