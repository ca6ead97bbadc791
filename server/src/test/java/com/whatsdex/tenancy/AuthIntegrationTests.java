package com.whatsdex.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class AuthIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Map<String, Object> registration(String email) {
        return Map.of(
                "email", email, "password", "correct horse battery", "name", "Ada", "workspaceName", "Ada's Shop");
    }

    @Test
    void registerCreatesWorkspaceOnProTrialAndSignsIn() {
        Browser browser = new Browser(port);
        String email = "ada-" + UUID.randomUUID() + "@example.com";

        Browser.Response registered = browser.post("/api/v1/auth/register", registration(email));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.data().path("user").path("role").asString()).isEqualTo("owner");
        assertThat(registered.data().path("workspace").path("plan").asString()).isEqualTo("pro");
        assertThat(registered.data().path("workspace").path("onTrial").asBoolean())
                .isTrue();
        assertThat(registered.header("Set-Cookie")).isNotNull();
        String sessionCookie = registered.headers().get("set-cookie").stream()
                .filter(c -> c.startsWith("WDX_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly").contains("SameSite=Lax");

        Browser.Response me = browser.get("/api/v1/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().path("user").path("email").asString()).isEqualTo(email);
        assertThat(me.data().path("workspace").path("name").asString()).isEqualTo("Ada's Shop");
    }

    @Test
    void logoutEndsTheSessionAndLoginStartsANewOne() {
        Browser browser = new Browser(port);
        String email = "bob-" + UUID.randomUUID() + "@example.com";
        browser.post("/api/v1/auth/register", registration(email));

        assertThat(browser.post("/api/v1/auth/logout", null).status()).isEqualTo(200);
        assertThat(browser.get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(browser.get("/api/v1/auth/me").errorCode()).isEqualTo("unauthenticated");

        Browser.Response login = browser.post(
                "/api/v1/auth/login", Map.of("email", email.toUpperCase(), "password", "correct horse battery"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(browser.get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void duplicateEmailIsAConflictOnTheEmailField() {
        String email = "dup-" + UUID.randomUUID() + "@example.com";
        new Browser(port).post("/api/v1/auth/register", registration(email));

        Browser.Response again = new Browser(port).post("/api/v1/auth/register", registration(email));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("email");
    }

    @Test
    void invalidRegistrationReportsEveryField() {
        Browser.Response r = new Browser(port)
                .post(
                        "/api/v1/auth/register",
                        Map.of("email", "not-an-email", "password", "short", "name", "", "workspaceName", "W"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("validation_failed");
        assertThat(r.body().path("error").path("details").findValuesAsString("field"))
                .contains("email", "password", "name");
    }

    @Test
    void writesWithTheSessionCookieNeedTheCsrfToken() {
        Browser browser = new Browser(port).register("CSRF Co");
        Browser forger = new Browser(port);
        // a forged cross-site request carries the cookie but cannot read the XSRF-TOKEN cookie
        String session = browser.cookie("WDX_SESSION");

        Browser.Response forged = forger.raw("PATCH", "/api/v1/workspace", "{\"name\":\"pwned\"}", "application/json");
        assertThat(forged.status()).isEqualTo(401);

        var withCookieOnly = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(browser.baseUrl() + "/api/v1/workspace"))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"pwned\"}"))
                .header("Content-Type", "application/json")
                .header("Cookie", "WDX_SESSION=" + session)
                .build();
        int status = send(withCookieOnly);
        assertThat(status).isEqualTo(403);
        assertThat(browser.get("/api/v1/workspace").data().path("name").asString())
                .isEqualTo("CSRF Co");

        assertThat(browser.patch("/api/v1/workspace", Map.of("name", "Renamed")).status())
                .isEqualTo(200);
    }

    @Test
    void repeatedFailedLoginsAreThrottledWithRetryAfter() {
        String email = "victim-" + UUID.randomUUID() + "@example.com";
        new Browser(port).post("/api/v1/auth/register", registration(email));
        Browser attacker = new Browser(port);
        for (int i = 0; i < 5; i++) {
            Browser.Response wrong =
                    attacker.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong password " + i));
            assertThat(wrong.status()).isEqualTo(401);
        }

        Browser.Response throttled =
                attacker.post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
    }

    @Test
    void aBurstOfConcurrentWrongPasswordsGetsNoMoreGuessesThanTheLimit() throws Exception {
        String email = "burst-" + UUID.randomUUID() + "@example.com";
        new Browser(port).post("/api/v1/auth/register", registration(email));
        List<Integer> statuses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(12)) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String password = "wrong password " + i;
                answers.add(pool.submit(() -> new Browser(port)
                        .post("/api/v1/auth/login", Map.of("email", email, "password", password))
                        .status()));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        } finally {
            // the burst came from this machine's address: later tests sign in from it too
            jdbc.sql("delete from login_failures where subject like 'ip:%'").update();
        }

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(s -> s == 401).count())
                .as("guesses checked, whatever the concurrency")
                .isEqualTo(5);
    }

    @Test
    void aSuccessfulSignInDoesNotCountAgainstTheAddress() {
        String email = "regular-" + UUID.randomUUID() + "@example.com";
        new Browser(port).post("/api/v1/auth/register", registration(email));
        long before = jdbc.sql("select count(*) from login_failures")
                .query(Long.class)
                .single();

        for (int i = 0; i < 3; i++) {
            assertThat(new Browser(port)
                            .post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"))
                            .status())
                    .isEqualTo(200);
        }

        assertThat(jdbc.sql("select count(*) from login_failures")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void unknownEmailAndWrongPasswordAnswerTheSame() {
        Browser.Response unknown = new Browser(port)
                .post(
                        "/api/v1/auth/login",
                        Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "whatever it is"));

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().path("error").path("message").asString()).isEqualTo("Email or password is incorrect");
    }

    private static int send(java.net.http.HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
