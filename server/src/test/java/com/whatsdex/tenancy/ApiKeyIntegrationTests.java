package com.whatsdex.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ApiKeyIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void keyIsShownOnceAndAuthenticatesAsItsWorkspace() {
        Browser owner = new Browser(port).register("Keys Inc");
        Browser.Response created = owner.post("/api/v1/api-keys", Map.of("name", "Zapier"));
        assertThat(created.status()).isEqualTo(201);
        String key = created.data().path("key").asString();
        assertThat(key).startsWith("wdx_");
        assertThat(key).startsWith(created.data().path("prefix").asString());

        Browser.Response listed = owner.get("/api/v1/api-keys");
        assertThat(listed.data().path("items")).hasSize(1);
        assertThat(listed.raw()).doesNotContain(key);
        assertThat(listed.data().path("items").get(0).path("prefix").asString())
                .isEqualTo(created.data().path("prefix").asString());

        Browser program = new Browser(port).withBearer(key);
        Browser.Response workspace = program.get("/api/v1/workspace");
        assertThat(workspace.status()).isEqualTo(200);
        assertThat(workspace.data().path("name").asString()).isEqualTo("Keys Inc");
        // programs need no CSRF token
        assertThat(program.patch("/api/v1/workspace", Map.of("timeZone", "Africa/Lagos"))
                        .status())
                .isEqualTo(200);
        assertThat(owner.get("/api/v1/api-keys")
                        .data()
                        .path("items")
                        .get(0)
                        .path("lastUsedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void revokedKeyStopsWorking() {
        Browser owner = new Browser(port).register("Revokers");
        Browser.Response created = owner.post("/api/v1/api-keys", Map.of("name", "CI"));
        String key = created.data().path("key").asString();
        String id = created.data().path("id").asString();

        assertThat(owner.delete("/api/v1/api-keys/" + id).status()).isEqualTo(200);

        assertThat(new Browser(port).withBearer(key).get("/api/v1/workspace").status())
                .isEqualTo(401);
        assertThat(owner.get("/api/v1/api-keys").data().path("items")).isEmpty();
    }

    @Test
    void aKeyWithAnotherWorkspacesIdInsideIsRejected() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String keyOfA = two.a()
                .post("/api/v1/api-keys", Map.of("name", "A's key"))
                .data()
                .path("key")
                .asString();
        // splice B's workspace id into A's key: the lookup runs under B's RLS and finds nothing
        String idOfB = keyOfA.substring(0, 48)
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(java.nio.ByteBuffer.allocate(16)
                                .putLong(two.b().workspaceId().getMostSignificantBits())
                                .putLong(two.b().workspaceId().getLeastSignificantBits())
                                .array());
        assertThat(new Browser(port).withBearer(idOfB).get("/api/v1/workspace").status())
                .isEqualTo(401);
    }

    @Test
    void workspacesSeeOnlyTheirOwnKeys() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String idOfA = two.a()
                .post("/api/v1/api-keys", Map.of("name", "A"))
                .data()
                .path("id")
                .asString();
        two.b().post("/api/v1/api-keys", Map.of("name", "B"));

        two.assertListsDisjoint("/api/v1/api-keys", "id");
        Browser.Response revokeByB = two.b().delete("/api/v1/api-keys/" + idOfA);
        assertThat(revokeByB.status()).isEqualTo(404);
        assertThat(two.a().get("/api/v1/api-keys").data().path("items")).hasSize(1);
    }

    @Test
    void agentsCannotManageKeys() {
        Browser owner = new Browser(port).register("Team");
        String email = "agent-" + java.util.UUID.randomUUID() + "@example.com";
        owner.post(
                "/api/v1/workspace/members",
                Map.of("email", email, "name", "Agent", "role", "agent", "password", "agent password 1"));
        Browser agent = new Browser(port);
        agent.post("/api/v1/auth/login", Map.of("email", email, "password", "agent password 1"));

        Browser.Response r = agent.post("/api/v1/api-keys", Map.of("name", "sneaky"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("forbidden");
    }
}
