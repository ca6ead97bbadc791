package com.whatsdex.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SecurityHeadersIntegrationTests {

    @LocalServerPort
    int port;

    private static Map<String, String> directives(String csp) {
        return Arrays.stream(csp.split(";"))
                .map(String::strip)
                .filter(d -> !d.isEmpty())
                .collect(Collectors.toMap(d -> d.split(" ", 2)[0], d -> d.contains(" ") ? d.split(" ", 2)[1] : ""));
    }

    private static void assertHardened(Browser.Response r, String what) {
        assertThat(r.header("X-Content-Type-Options")).as("%s nosniff", what).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).as("%s frame options", what).isEqualTo("DENY");
        assertThat(r.header("Referrer-Policy")).as("%s referrer", what).isEqualTo("strict-origin-when-cross-origin");
        String csp = r.header("Content-Security-Policy");
        assertThat(csp).as("%s CSP", what).isNotNull();
        Map<String, String> d = directives(csp);
        assertThat(d.get("frame-ancestors")).as("%s frame-ancestors", what).isEqualTo("'none'");
        assertThat(d.get("default-src")).isEqualTo("'self'");
        assertThat(d.get("script-src")).as("no inline or eval'd script").isEqualTo("'self'");
        assertThat(d.get("object-src")).isEqualTo("'none'");
        assertThat(d.get("base-uri")).isEqualTo("'self'");
        assertThat(d.get("connect-src")).isEqualTo("'self'");
    }

    @Test
    void dashboardPagesCarryTheContentSecurityPolicyAndFramingBan() {
        Browser browser = new Browser(port);
        for (String path : List.of("/", "/contacts", "/index.html")) {
            assertHardened(browser.raw("GET", path, null, "text/html"), path);
        }
    }

    @Test
    void apiResponsesCarryTheSameHeadersSignedInOrNot() {
        Browser browser = new Browser(port);
        assertHardened(browser.get("/api/v1/auth/me"), "401");
        browser.register("Headers Co");
        Browser.Response ok = browser.get("/api/v1/workspace");
        assertThat(ok.status()).isEqualTo(200);
        assertHardened(ok, "200");
        assertHardened(browser.get("/api/v1/nothing-here"), "404");
        assertHardened(browser.post("/api/v1/contacts", "{"), "400");
    }

    @Test
    void signedInApiAnswersAreNotCached() {
        Browser browser = new Browser(port).register("Cache Co");
        assertThat(browser.get("/api/v1/auth/me").header("Cache-Control")).contains("no-store");
    }
}
