package com.whatsdex.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class MemberIntegrationTests {

    @LocalServerPort
    int port;

    private Browser.Response add(Browser owner, String role) {
        return owner.post(
                "/api/v1/workspace/members",
                Map.of(
                        "email",
                        role + "-" + UUID.randomUUID() + "@example.com",
                        "name",
                        "Member",
                        "role",
                        role,
                        "password",
                        "member password"));
    }

    @Test
    void ownerAddsMembersWhoCanSignIn() {
        Browser owner = new Browser(port).register("Team A");
        Browser.Response added = add(owner, "admin");
        assertThat(added.status()).isEqualTo(201);

        Browser member = new Browser(port);
        Browser.Response login = member.post(
                "/api/v1/auth/login",
                Map.of("email", added.data().path("email").asString(), "password", "member password"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.data().path("workspace").path("id").asString())
                .isEqualTo(owner.workspaceId().toString());
        assertThat(owner.get("/api/v1/workspace/members").data().path("items")).hasSize(2);
    }

    @Test
    void theLastOwnerCannotBeDemotedAndNobodyRemovesThemselves() {
        Browser owner = new Browser(port).register("Solo");
        String ownerId =
                owner.get("/api/v1/auth/me").data().path("user").path("id").asString();

        Browser.Response demote = owner.patch("/api/v1/workspace/members/" + ownerId, Map.of("role", "agent"));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(owner.delete("/api/v1/workspace/members/" + ownerId).status())
                .isEqualTo(409);
    }

    @Test
    void removedMemberLosesAccessAtOnce() {
        Browser owner = new Browser(port).register("Churn");
        Browser.Response added = add(owner, "agent");
        Browser member = new Browser(port);
        member.post(
                "/api/v1/auth/login",
                Map.of("email", added.data().path("email").asString(), "password", "member password"));
        assertThat(member.get("/api/v1/workspace").status()).isEqualTo(200);

        owner.delete("/api/v1/workspace/members/" + added.data().path("userId").asString());

        assertThat(member.get("/api/v1/workspace").status()).isEqualTo(401);
    }

    @Test
    void adminsCannotCreateOwnersAndAgentsCannotManageTheTeam() {
        Browser owner = new Browser(port).register("Hierarchy");
        Browser.Response admin = add(owner, "admin");
        Browser adminBrowser = new Browser(port);
        adminBrowser.post(
                "/api/v1/auth/login",
                Map.of("email", admin.data().path("email").asString(), "password", "member password"));
        assertThat(add(adminBrowser, "owner").status()).isEqualTo(403);
        assertThat(add(adminBrowser, "agent").status()).isEqualTo(201);

        Browser.Response agent = add(owner, "agent");
        Browser agentBrowser = new Browser(port);
        agentBrowser.post(
                "/api/v1/auth/login",
                Map.of("email", agent.data().path("email").asString(), "password", "member password"));
        assertThat(agentBrowser.get("/api/v1/workspace/members").status()).isEqualTo(200);
        assertThat(add(agentBrowser, "agent").status()).isEqualTo(403);
        assertThat(agentBrowser
                        .patch("/api/v1/workspace", Map.of("name", "mine"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void membersOfAnotherWorkspaceAreInvisible() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String memberOfA = add(two.a(), "agent").data().path("userId").asString();

        two.assertListsDisjoint("/api/v1/workspace/members", "userId");
        assertThat(two.b()
                        .patch("/api/v1/workspace/members/" + memberOfA, Map.of("role", "admin"))
                        .status())
                .isEqualTo(404);
        assertThat(two.b().delete("/api/v1/workspace/members/" + memberOfA).status())
                .isEqualTo(404);
        assertThat(two.a().get("/api/v1/workspace/members").data().path("items"))
                .hasSize(2);
    }

    @Test
    void membersListPagesWithACursor() {
        Browser owner = new Browser(port).register("Big team");
        for (int i = 0; i < 3; i++) {
            add(owner, "agent");
        }
        Browser.Response first = owner.get("/api/v1/workspace/members?limit=2");
        assertThat(first.data().path("items")).hasSize(2);
        String cursor = first.data().path("nextCursor").asString();
        Browser.Response second = owner.get("/api/v1/workspace/members?limit=2&cursor=" + cursor);
        assertThat(second.data().path("items")).hasSize(2);
        assertThat(second.data().path("nextCursor").isNull()).isTrue();
        assertThat(second.data().path("items").get(0).path("userId").asString())
                .isNotEqualTo(first.data().path("items").get(1).path("userId").asString());
    }
}
