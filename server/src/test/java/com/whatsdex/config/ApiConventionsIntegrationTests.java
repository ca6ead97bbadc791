package com.whatsdex.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every kind of bad request answers the error envelope with the right status and is not logged as an error. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiConventionsIntegrationTests {

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeEach
    void signIn() {
        browser = new Browser(port).register("Conventions");
    }

    @Test
    void malformedJsonIs400(CapturedOutput output) {
        Browser.Response r = browser.raw("PATCH", "/api/v1/workspace", "{\"name\": ", "application/json");
        assertEnvelope(r, 400, "bad_request");
        assertThat(output.getOut() + output.getErr()).doesNotContain("ERROR");
    }

    @Test
    void wrongTypeIs400() {
        Browser.Response r = browser.raw("PATCH", "/api/v1/workspace", "{\"name\": [1,2]}", "application/json");
        assertEnvelope(r, 400, "bad_request");
    }

    @Test
    void missingFieldsAre400WithDetails() {
        Browser.Response r = browser.post("/api/v1/api-keys", Map.of());
        assertEnvelope(r, 400, "validation_failed");
        assertThat(r.body().path("error").path("details").get(0).path("field").asString())
                .isEqualTo("name");
    }

    @Test
    void invalidEnumIs400() {
        Browser.Response r = browser.raw(
                "POST",
                "/api/v1/workspace/members",
                "{\"email\":\"x@example.com\",\"name\":\"X\",\"role\":\"emperor\",\"password\":\"long enough pw\"}",
                "application/json");
        assertEnvelope(r, 400, "bad_request");
    }

    @Test
    void oversizedBodyIs413(CapturedOutput output) {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        Browser.Response r = browser.raw("POST", "/api/v1/api-keys", huge, "application/json");
        assertEnvelope(r, 413, "payload_too_large");
        assertThat(output.getOut() + output.getErr()).doesNotContain("ERROR");
    }

    @Test
    void unknownApiRouteIs404ForEveryMethod() {
        assertEnvelope(browser.get("/api/v1/nothing-here"), 404, "not_found");
        assertEnvelope(browser.post("/api/v1/nothing-here", Map.of()), 404, "not_found");
        assertEnvelope(browser.delete("/api/v1/nothing/here"), 404, "not_found");
    }

    @Test
    void errorsAreJsonWhateverTheAcceptHeader() {
        Browser.Response r = browser.raw("GET", "/api/v1/nothing-here", null, "text/event-stream");
        assertEnvelope(r, 404, "not_found");
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Browser.Response r = browser.put("/api/v1/workspace", Map.of("name", "x"));
        assertEnvelope(r, 405, "method_not_allowed");
        assertThat(r.header("Allow")).contains("GET").contains("PATCH");
    }

    @Test
    void wrongContentTypeIs415() {
        Browser.Response r = browser.raw("PATCH", "/api/v1/workspace", "name=x", "text/plain");
        assertEnvelope(r, 415, "unsupported_media_type");
    }

    @Test
    void badPathVariableIs400() {
        assertEnvelope(browser.delete("/api/v1/api-keys/not-a-uuid"), 400, "validation_failed");
    }

    @Test
    void badLimitIs400() {
        assertEnvelope(browser.get("/api/v1/api-keys?limit=100000"), 400, "validation_failed");
        assertEnvelope(browser.get("/api/v1/api-keys?cursor=!!!"), 400, "validation_failed");
    }

    @Test
    void unauthenticatedIs401() {
        assertEnvelope(new Browser(port).get("/api/v1/workspace"), 401, "unauthenticated");
        assertEnvelope(new Browser(port).withBearer("wdx_nonsense").get("/api/v1/workspace"), 401, "unauthenticated");
    }

    @Test
    void everyResponseCarriesARequestId() {
        Browser.Response r = browser.get("/api/v1/nothing-here");
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(r.body().path("error").path("requestId").asString()).isEqualTo(r.header("X-Request-Id"));
    }

    @Test
    void dashboardDeepLinksServeIndexHtml() {
        Browser.Response r = new Browser(port).raw("GET", "/settings/api-keys", null, "text/html");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).containsIgnoringCase("<html");
        assertThat(new Browser(port).get("/assets/missing.js").status()).isEqualTo(404);
    }

    @Test
    void openApiDocumentIsServed() {
        Browser.Response r = new Browser(port).get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("openapi").asString()).startsWith("3.1");
        assertThat(r.body().path("paths").has("/api/v1/auth/register")).isTrue();
    }

    @Test
    void healthShowsTheDatabase() {
        Browser.Response r = new Browser(port).get("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("components").path("db").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void prometheusIsExposed() {
        Browser.Response r = new Browser(port).raw("GET", "/actuator/prometheus", null, "text/plain");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).contains("jvm_memory_used_bytes");
    }

    private static void assertEnvelope(Browser.Response r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.body().path("success").asBoolean(true)).isFalse();
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.body().path("error").path("message").asString()).isNotBlank();
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("at com.");
    }
}
