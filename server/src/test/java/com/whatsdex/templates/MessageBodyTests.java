package com.whatsdex.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageBodyTests {

    private static final Map<String, String> ADA =
            Variables.of("Ada Obi", "+2348012345678", "ada@example.com", Map.of("City", "Lagos", "plan", ""));

    private static String render(String body) {
        return MessageBody.parse(body, "body").render(ADA, 42);
    }

    @Test
    void variablesTakeTheContactsValuesWithSpacesAndAnyCase() {
        assertThat(render("Hi {{name}}, {{ first_name }} / {{LAST_NAME}}: {{phone}} {{email}} in {{ city }}"))
                .isEqualTo("Hi Ada Obi, Ada / Obi: +2348012345678 ada@example.com in Lagos");
    }

    @Test
    void aMissingOrBlankValueRendersTheDefaultOrNothingNeverNull() {
        Map<String, String> nameless = Variables.of(null, "+2348012345678", null, Map.of());
        MessageBody body = MessageBody.parse("Hello {{ first_name | there }}! {{email}}{{plan|free}}.", "body");

        assertThat(body.render(nameless, 1)).isEqualTo("Hello there! free.");
        assertThat(body.render(ADA, 1)).isEqualTo("Hello Ada! ada@example.com" + "free.");
        assertThat(render("[{{unknown_key}}]")).isEqualTo("[]");
    }

    @Test
    void spintaxPicksOneAlternativeAndTheSameSeedAlwaysPicksTheSame() {
        MessageBody body = MessageBody.parse("{Hi|Hello|Hey} {{first_name}}, {great|nice} {day|week}", "body");
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            String once = body.render(ADA, seed);
            assertThat(body.render(ADA, seed)).isEqualTo(once);
            seen.add(once);
        }
        assertThat(seen).hasSize(12); // 3 x 2 x 2: every combination turns up
        assertThat(Variables.seed("campaign-1", "contact-9")).isEqualTo(Variables.seed("campaign-1", "contact-9"));
        assertThat(Variables.seed("campaign-1", "contact-9")).isNotEqualTo(Variables.seed("campaign-1", "contact-8"));
    }

    @Test
    void spintaxNestsAndEscapesAreLiteral() {
        MessageBody body = MessageBody.parse("{Hi {{first_name}}|{Hello|Hey} there} \\{not spun\\} a\\|b \\\\", "body");
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            seen.add(body.render(ADA, seed));
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "Hi Ada {not spun} a|b \\", "Hello there {not spun} a|b \\", "Hey there {not spun} a|b \\");
        assertThat(body.variables()).containsExactly("first_name");

        MessageBody leadingNested = MessageBody.parse("{{Hi|Hello}|Hey} there", "body");
        Set<String> greetings = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            greetings.add(leadingNested.render(ADA, seed));
        }
        assertThat(greetings).containsExactlyInAnyOrder("Hi there", "Hello there", "Hey there");
    }

    @Test
    void malformedBodiesAreRefusedWithThePosition() {
        assertError("Hi {there", 3, "Unclosed '{'");
        assertError("Hi there}", 8, "Unbalanced '}'");
        assertError("Hi {{name}", 3, "Unclosed '{{'");
        assertError("Hi {{ }}", 3, "Empty variable");
        assertError("Hi {{first name}}", 3, "not a variable name");
        assertError("A {lonely} word", 2, "at least two alternatives");
        assertError("Ends with \\", 10, "backslash");
    }

    private static void assertError(String body, int position, String problem) {
        assertThatThrownBy(() -> MessageBody.parse(body, "body"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.position()).as(body).isEqualTo(position);
                    assertThat(e.getMessage()).contains(problem).contains("position " + position);
                    assertThat(e.details().getFirst().field()).isEqualTo("body");
                });
    }

    /** Property: for random spintax bodies, every rendering is one of the body's expansions. */
    @Test
    void everyRenderingOfARandomBodyIsOneOfItsExpansions() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            String body = randomBody(random, 0);
            MessageBody parsed = MessageBody.parse(body, "body");
            Set<String> expansions = new HashSet<>(expand(parsed.nodes()));
            for (long seed = 0; seed < 20; seed++) {
                assertThat(expansions).as(body).contains(parsed.render(ADA, seed));
            }
        }
    }

    private static String randomBody(Random random, int depth) {
        StringBuilder b = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(depth < 2 ? 4 : 2)) {
                case 0 -> b.append("w").append(random.nextInt(10)).append(' ');
                case 1 -> b.append("{{first_name|x}}");
                default -> {
                    int n = 2 + random.nextInt(3);
                    b.append('{');
                    for (int a = 0; a < n; a++) {
                        b.append(a == 0 ? "" : "|").append(randomBody(random, depth + 1));
                    }
                    b.append('}');
                }
            }
        }
        return b.toString();
    }

    private static List<String> expand(List<MessageBody.Node> nodes) {
        List<String> results = List.of("");
        for (MessageBody.Node node : nodes) {
            List<String> tails = switch (node) {
                case MessageBody.Text t -> List.of(t.text());
                case MessageBody.Variable v ->
                    List.of(ADA.getOrDefault(v.name(), v.fallback() == null ? "" : v.fallback()));
                case MessageBody.Spin s -> {
                    List<String> all = new ArrayList<>();
                    s.alternatives().forEach(a -> all.addAll(expand(a)));
                    yield all;
                }
            };
            List<String> next = new ArrayList<>();
            for (String head : results) {
                for (String tail : tails) {
                    next.add(head + tail);
                }
            }
            results = next;
        }
        return results;
    }
}
