package com.whatsdex.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Templates over real HTTP: CRUD, validation with positions, previews for a contact, isolation. */
@IntegrationTest
class TemplatesIntegrationTests {

    private static final String TEMPLATES = "/api/v1/templates";

    @LocalServerPort
    int port;

    private static Map<String, Object> template(String name, String body) {
        Map<String, Object> t = new HashMap<>();
        t.put("name", name);
        t.put("category", "marketing");
        t.put("body", body);
        return t;
    }

    private static String contact(Browser b) {
        Browser.Response c = b.post(
                "/api/v1/contacts",
                Map.of(
                        "phone",
                        "+2348031234567",
                        "name",
                        "Ada Okafor",
                        "email",
                        "ada@example.com",
                        "attributes",
                        Map.of("city", "Lagos")));
        assertThat(c.status()).as(c.raw()).isEqualTo(201);
        return c.data().path("id").asString();
    }

    @Test
    void createsListsEditsDuplicatesAndDeletes() {
        Browser b = new Browser(port).register("Templates");
        Map<String, Object> body = template("Welcome", "{Hi|Hello} {{ first_name | there }}, welcome to {{city}}!");
        body.put("media", Map.of("kind", "image", "url", "https://example.com/welcome.png"));
        body.put("meta", Map.of("name", "welcome_v2", "language", "en", "parameters", List.of("{{first_name|there}}")));

        Browser.Response created = b.post(TEMPLATES, body);

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode t = created.data();
        String id = t.path("id").asString();
        assertThat(t.path("variables").toString()).isEqualTo("[\"first_name\",\"city\"]");
        assertThat(t.path("media").path("url").asString()).isEqualTo("https://example.com/welcome.png");
        assertThat(t.path("meta").path("parameters").get(0).asString()).isEqualTo("{{first_name|there}}");

        Map<String, Object> edited = template("Welcome", "Hi {{name}}");
        edited.put("category", "utility");
        Browser.Response put = b.put(TEMPLATES + "/" + id, edited);
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        assertThat(put.data().path("category").asString()).isEqualTo("utility");
        assertThat(put.data().path("media").isNull()).isTrue();

        Browser.Response copy = b.post(TEMPLATES + "/" + id + "/duplicate", null);
        Browser.Response copy2 = b.post(TEMPLATES + "/" + id + "/duplicate", null);
        assertThat(copy.data().path("name").asString()).isEqualTo("Welcome (copy)");
        assertThat(copy2.data().path("name").asString()).isEqualTo("Welcome (copy 2)");

        b.post(TEMPLATES, template("Receipt", "Your order is ready"));
        assertThat(b.get(TEMPLATES).data().path("items").size()).isEqualTo(4);
        assertThat(b.get(TEMPLATES + "?search=RECEIPT").data().path("items").size())
                .isEqualTo(1);
        assertThat(b.get(TEMPLATES + "?category=utility").data().path("items").size())
                .isEqualTo(3); // the edited one and its two copies
        JsonNode page = b.get(TEMPLATES + "?limit=3").data();
        assertThat(page.path("items").size()).isEqualTo(3);
        assertThat(b.get(TEMPLATES + "?limit=3&cursor="
                                + page.path("nextCursor").asString())
                        .data()
                        .path("items")
                        .size())
                .isEqualTo(1);

        assertThat(b.delete(TEMPLATES + "/" + id).status()).isEqualTo(204);
        assertThat(b.get(TEMPLATES + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void badBodiesNamesAndFieldsAreClearErrors() {
        Browser b = new Browser(port).register("Template errors");

        Browser.Response unbalanced = b.post(TEMPLATES, template("Broken", "Hi {there"));
        assertThat(unbalanced.status()).isEqualTo(400);
        assertThat(unbalanced.errorCode()).isEqualTo("validation_failed");
        assertThat(unbalanced
                        .body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("body");
        assertThat(unbalanced.body().path("error").path("message").asString()).contains("position 3");

        Map<String, Object> badParameter = template("Meta", "Hi");
        badParameter.put("meta", Map.of("name", "x", "language", "en", "parameters", List.of("ok", "{{ }}")));
        assertThat(b.post(TEMPLATES, badParameter)
                        .body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("meta.parameters[1]");

        Map<String, Object> noCategory = template("No category", "Hi");
        noCategory.remove("category");
        assertThat(b.post(TEMPLATES, noCategory).status()).isEqualTo(400);

        assertThat(b.post(TEMPLATES, template("Same", "Hi")).status()).isEqualTo(201);
        Browser.Response taken = b.post(TEMPLATES, template(" same ", "Hello"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("duplicate_name");
        assertThat(b.get(TEMPLATES).data().path("items").size()).isEqualTo(1);
    }

    @Test
    void previewsRenderForAContactWithDefaultsAndTheSameSeedGivesTheSameText() {
        Browser b = new Browser(port).register("Preview");
        String ada = contact(b);
        String body = "{Hi|Hello|Hey} {{first_name}} from {{ city }}, {{ plan | starter }} plan. {{email}}";

        JsonNode forAda = b.post(TEMPLATES + "/render", Map.of("body", body, "contactId", ada, "seed", 7))
                .data();
        JsonNode again = b.post(TEMPLATES + "/render", Map.of("body", body, "contactId", ada, "seed", 7))
                .data();
        JsonNode nobody = b.post(TEMPLATES + "/render", Map.of("body", "Hello {{ first_name | there }}!"))
                .data();

        assertThat(forAda.path("text").asString())
                .matches("(Hi|Hello|Hey) Ada from Lagos, starter plan\\. ada@example\\.com");
        assertThat(again.path("text").asString()).isEqualTo(forAda.path("text").asString());
        assertThat(forAda.path("missing").toString()).isEqualTo("[\"plan\"]");
        assertThat(forAda.path("spins").asBoolean()).isTrue();
        assertThat(nobody.path("text").asString()).isEqualTo("Hello there!");
        assertThat(b.post(TEMPLATES + "/render", Map.of("body", "Hi }")).status())
                .isEqualTo(400);
    }

    @Test
    void anotherWorkspacesTemplatesAndContactsAreNotFound() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String idA = two.a()
                .post(TEMPLATES, template("A's", "Hi {{name}}"))
                .data()
                .path("id")
                .asString();
        two.b().post(TEMPLATES, template("B's", "Hello"));
        String adaOfA = contact(two.a());

        two.assertInvisibleToB(TEMPLATES + "/" + idA, Map.of());
        assertThat(two.b()
                        .put(TEMPLATES + "/" + idA, template("Taken over", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(two.b().post(TEMPLATES + "/" + idA + "/duplicate", null).status())
                .isEqualTo(404);
        assertThat(two.b()
                        .post(TEMPLATES + "/render", Map.of("body", "Hi {{name}}", "contactId", adaOfA))
                        .status())
                .isEqualTo(404);
        two.assertListsDisjoint(TEMPLATES, "id");
        assertThat(two.a().get(TEMPLATES + "/" + idA).data().path("name").asString())
                .isEqualTo("A's");
    }
}
