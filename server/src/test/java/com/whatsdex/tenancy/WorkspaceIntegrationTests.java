package com.whatsdex.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class WorkspaceIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void settingsAreValidatedAndSaved() {
        Browser owner = new Browser(port).register("Lagos Shop");

        Browser.Response bad =
                owner.patch("/api/v1/workspace", Map.of("timeZone", "Mars/Olympus", "defaultCountry", "XX"));
        assertThat(bad.status()).isEqualTo(400);

        Browser.Response ok = owner.patch(
                "/api/v1/workspace", Map.of("name", "Lagos Store", "timeZone", "Africa/Lagos", "defaultCountry", "NG"));
        assertThat(ok.status()).isEqualTo(200);
        Browser.Response reread = owner.get("/api/v1/workspace");
        assertThat(reread.data().path("name").asString()).isEqualTo("Lagos Store");
        assertThat(reread.data().path("timeZone").asString()).isEqualTo("Africa/Lagos");
        assertThat(reread.data().path("defaultCountry").asString()).isEqualTo("NG");
        assertThat(reread.data().path("limits").path("channels").asInt()).isEqualTo(3);
    }

    @Test
    void operatorSetsThePlanWithTheAdminToken() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String path = "/api/v1/admin/workspaces/" + two.a().workspaceId() + "/plan";

        Browser.Response byMember = two.a().put(path, Map.of("plan", "enterprise"));
        assertThat(byMember.status()).as(byMember.raw()).isEqualTo(403);
        Browser operator = new Browser(port).withBearer("test-operator-token");
        Browser.Response set = operator.put(path, Map.of("plan", "enterprise"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.data().path("plan").asString()).isEqualTo("enterprise");
        assertThat(set.data().path("onTrial").asBoolean()).isFalse();

        assertThat(two.a().get("/api/v1/workspace").data().path("plan").asString())
                .isEqualTo("enterprise");
        assertThat(two.b().get("/api/v1/workspace").data().path("plan").asString())
                .isEqualTo("pro");
        assertThat(operator.put(
                                "/api/v1/admin/workspaces/" + java.util.UUID.randomUUID() + "/plan",
                                Map.of("plan", "pro"))
                        .status())
                .isEqualTo(404);
        assertThat(new Browser(port)
                        .withBearer("wrong")
                        .put(path, Map.of("plan", "pro"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void eachWorkspaceSeesOnlyItself() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        two.a().patch("/api/v1/workspace", Map.of("name", "Alpha"));
        two.b().patch("/api/v1/workspace", Map.of("name", "Beta"));

        assertThat(two.a().get("/api/v1/workspace").data().path("name").asString())
                .isEqualTo("Alpha");
        assertThat(two.b().get("/api/v1/workspace").data().path("name").asString())
                .isEqualTo("Beta");
    }
}
