package com.whatsdex.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.templates.MessageBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of AI spinning without the AI: parsing answers, keeping variables, dropping duplicates. */
class SpinVariantsTests {

    private static final String BODY = "Hi {{ first_name | there }}, order {{order_id}} ships {{order_id}} today.";
    private static final List<String> EXPECTED = MessageBody.parse(BODY, "body").placeholders();

    @Test
    void acceptsSamePlaceholdersWrittenDifferently() {
        assertThat(SpinVariants.problem(EXPECTED, "{{order_id}} and {{ order_id }}: ready, {{first_name|there}}!"))
                .isNull();
        assertThat(SpinVariants.problem(EXPECTED, "Hey {{FIRST_NAME | there}}, {{order_id}} ships; {{order_id}}."))
                .isNull();
    }

    @Test
    void acceptsPlaceholdersInsideSpintax() {
        assertThat(SpinVariants.problem(EXPECTED, "{Hey|Hi} {{first_name | there}}, {{order_id}}/{{order_id}}"))
                .isNull();
    }

    @Test
    void namesADroppedVariable() {
        assertThat(SpinVariants.problem(EXPECTED, "Hi {{first_name | there}}, order {{order_id}} ships today."))
                .isEqualTo("Drops {{order_id}}");
        assertThat(SpinVariants.problem(EXPECTED, "Hi there, order {{order_id}} ships {{order_id}}."))
                .isEqualTo("Drops {{first_name | there}}");
    }

    @Test
    void namesAnAddedVariable() {
        assertThat(SpinVariants.problem(EXPECTED, "Hi {{first_name|there}}, {{order_id}} {{order_id}} {{city}}"))
                .isEqualTo("Adds {{city}}");
    }

    @Test
    void namesAnAlteredDefault() {
        assertThat(SpinVariants.problem(EXPECTED, "Hi {{first_name}}, {{order_id}} ships {{order_id}}"))
                .isEqualTo("Alters {{first_name | there}} into {{first_name}}");
        assertThat(SpinVariants.problem(EXPECTED, "Hi {{first_name | friend}}, {{order_id}} ships {{order_id}}"))
                .isEqualTo("Alters {{first_name | there}} into {{first_name | friend}}");
    }

    @Test
    void reportsSeveralProblemsAtOnce() {
        assertThat(SpinVariants.problem(EXPECTED, "Hi {{first_name | pal}}, {{order}} ships"))
                .isEqualTo(
                        "Alters {{first_name | there}} into {{first_name | pal}}; drops {{order_id}}; adds {{order}}");
    }

    @Test
    void rejectsTemplateSyntaxErrors() {
        assertThat(SpinVariants.problem(EXPECTED, "Hi {{first_name | there}, {{order_id}} {{order_id}}"))
                .startsWith("Not a valid template: ");
        assertThat(SpinVariants.problem(EXPECTED, "{Hi {{first_name | there}}, {{order_id}} {{order_id}}"))
                .startsWith("Not a valid template: Unclosed '{'");
    }

    @Test
    void sortsCandidatesDroppingDuplicatesAndCopiesOfTheInput() {
        SpinResult result = SpinVariants.sort(
                "Hi {{name}}!",
                List.of(
                        "Hello {{name}}!",
                        "  HELLO   {{name}}! ",
                        "hi {{name}}!",
                        "Hello there!",
                        "Hello there!",
                        "Hey {{name}}!",
                        "Greetings {{name}}!"),
                2);

        assertThat(result.variants()).containsExactly("Hello {{name}}!", "Hey {{name}}!");
        assertThat(result.rejected()).containsExactly(new SpinResult.Rejected("Hello there!", "Drops {{name}}"));
    }

    @Test
    void parsesAFencedArray() {
        assertThat(SpinVariants.parseAnswer("```json\n[\"a {{x}}\", \"b\"]\n```"))
                .containsExactly("a {{x}}", "b");
        assertThat(SpinVariants.parseAnswer("```[\"a\"]```")).containsExactly("a");
    }

    @Test
    void parsesAnArrayInsideProse() {
        assertThat(SpinVariants.parseAnswer("Sure! Here they are:\n[\"one\", \"two\"]\nEnjoy."))
                .containsExactly("one", "two");
    }

    @Test
    void parsesAnObjectHoldingTheArrayAndObjectItems() {
        assertThat(SpinVariants.parseAnswer("{\"variants\": [\"one\", {\"text\": \"two\"}, 3, \"  \"]}"))
                .containsExactly("one", "two");
    }

    @Test
    void keepsTheCompleteStringsOfAnAnswerCutOffMidArray() {
        assertThat(SpinVariants.parseAnswer("```json\n[\"one {{x}}\",\n  \"two, \\\"quoted\\\",\", \"thr"))
                .containsExactly("one {{x}}", "two, \"quoted\",");
        assertThat(SpinVariants.parseAnswer("[\"only half of the fir")).isNull();
    }

    @Test
    void answerWithoutAnArrayIsUnparsable() {
        assertThat(SpinVariants.parseAnswer("Hello {{name}}, how are you?")).isNull();
        assertThat(SpinVariants.parseAnswer("[not json")).isNull();
    }
}
