package com.whatsdex.agents.domain;

import com.whatsdex.agents.AgentReplyView.ToolUse;
import com.whatsdex.agents.AgentView;
import com.whatsdex.agents.FactView;
import com.whatsdex.ai.AiApi;
import com.whatsdex.ai.AiException;
import com.whatsdex.ai.ChatCall;
import com.whatsdex.ai.ChatReply;
import com.whatsdex.ai.ChatTurn;
import com.whatsdex.ai.ToolCall;
import com.whatsdex.ai.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a conversation into an answer: the agent's instructions with everything remembered about the customer, the
 * recent messages, and the memory tools, in a loop that runs the tools the model calls until it answers.
 */
@Component
class AgentBrain {

    static final String REMEMBER = "remember_fact";
    static final String UPDATE = "update_fact";
    static final String FORGET = "forget_fact";

    static final List<ToolSpec> TOOLS = List.of(
            new ToolSpec(
                    REMEMBER,
                    "Remember a lasting fact about this customer for every future conversation: a preference,"
                            + " an allergy, their language, an important date, their business. One short sentence"
                            + " in the third person, e.g. \"Is allergic to peanuts\".",
                    List.of(new ToolSpec.Parameter("fact", "The fact, one short sentence", true))),
            new ToolSpec(
                    UPDATE,
                    "Replace a remembered fact that changed, e.g. a new address or a new preference.",
                    List.of(
                            new ToolSpec.Parameter(
                                    "fact_id", "The id of the fact, as listed in your instructions", true),
                            new ToolSpec.Parameter("fact", "The fact as it is now, one short sentence", true))),
            new ToolSpec(
                    FORGET,
                    "Forget a remembered fact that no longer holds, or that the customer asks you to forget.",
                    List.of(new ToolSpec.Parameter(
                            "fact_id", "The id of the fact, as listed in your instructions", true))));

    /** Where the tools read and write: a contact's facts, or a test chat's scratch list. */
    interface Memory {

        List<FactView> facts();

        String remember(@Nullable String fact);

        String update(@Nullable String factId, @Nullable String fact);

        String forget(@Nullable String factId);
    }

    /** Who the agent talks to, for the prompt. */
    record Customer(@Nullable String name, @Nullable String phone) {}

    /**
     * The answer and what it took.
     *
     * @param text the reply, cut to the agent's maximum length
     */
    record Answer(
            String text,
            List<ToolUse> toolUses,
            @Nullable Integer inputTokens,
            @Nullable Integer outputTokens) {}

    /** The model called tools round after round without answering. */
    static final class NoAnswerException extends RuntimeException {
        final List<ToolUse> toolUses;

        NoAnswerException(int rounds, List<ToolUse> toolUses) {
            super("The model called tools " + rounds + " times without answering");
            this.toolUses = List.copyOf(toolUses);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AiApi ai;
    private final AgentProperties props;

    AgentBrain(AiApi ai, AgentProperties props) {
        this.ai = ai;
        this.props = props;
    }

    /**
     * @param history the conversation, oldest first, ending with the customer's message(s) to answer
     * @throws AiException when the provider fails (the caller decides whether to try again)
     * @throws NoAnswerException when the model keeps calling tools
     */
    Answer answer(AgentView agent, Customer customer, List<ChatTurn> history, Memory memory) {
        List<ChatTurn> messages = new ArrayList<>();
        messages.add(ChatTurn.system(instructions(agent, customer, memory.facts())));
        messages.addAll(history);
        List<ToolUse> uses = new ArrayList<>();
        Integer in = null;
        Integer out = null;
        for (int round = 0; round < props.maxToolRounds(); round++) {
            ChatReply reply = ai.chat(new ChatCall(
                    messages, TOOLS, agent.temperature(), Math.max(64, agent.maxReplyChars() / 2), agent.model()));
            in = sum(in, reply.inputTokens());
            out = sum(out, reply.outputTokens());
            if (reply.toolCalls().isEmpty()) {
                return new Answer(cut(reply.text().strip(), agent.maxReplyChars()), uses, in, out);
            }
            messages.add(ChatTurn.assistantCalling(reply.text(), reply.toolCalls()));
            for (ToolCall call : reply.toolCalls()) {
                String result = run(call, memory);
                uses.add(new ToolUse(call.name(), call.arguments(), result));
                messages.add(ChatTurn.toolResult(call, result));
            }
        }
        throw new NoAnswerException(props.maxToolRounds(), uses);
    }

    /** The system prompt: the agent's persona, the house rules, and every fact about the customer with its id. */
    String instructions(AgentView agent, Customer customer, List<FactView> facts) {
        StringBuilder s = new StringBuilder(agent.instructions().strip());
        s.append("\n\nYou are answering a customer on WhatsApp. Reply in plain text (no Markdown), in the customer's")
                .append(" language, in at most ")
                .append(agent.maxReplyChars())
                .append(" characters.");
        s.append("\nCustomer: ").append(customer.name() == null ? "name unknown" : customer.name());
        if (customer.phone() != null) {
            s.append(", phone ").append(customer.phone());
        }
        s.append("\n\nWhat you remember about this customer from earlier conversations (trust it unless the customer")
                .append(" corrects it):");
        if (facts.isEmpty()) {
            s.append("\n(nothing yet)");
        }
        for (FactView f : facts) {
            s.append("\n- ")
                    .append(f.fact())
                    .append(" [fact_id ")
                    .append(f.id())
                    .append(']');
        }
        s.append("\n\nMemory: when the customer tells you something lasting about themselves, call ")
                .append(REMEMBER)
                .append(". When a remembered fact changed, call ")
                .append(UPDATE)
                .append(" with its fact_id; when it no longer holds or the customer asks you to forget it, call ")
                .append(FORGET)
                .append(". Never remember passwords, card numbers or other secrets. At most ")
                .append(props.maxFactsPerContact())
                .append(" facts are kept per customer.");
        return s.toString();
    }

    private static String run(ToolCall call, Memory memory) {
        JsonNode args;
        try {
            args = JSON.readTree(call.arguments());
        } catch (JacksonException e) {
            return "Not done: the arguments are not a JSON object";
        }
        if (args == null || !args.isObject()) {
            return "Not done: the arguments are not a JSON object";
        }
        return switch (call.name()) {
            case REMEMBER -> memory.remember(text(args, "fact"));
            case UPDATE -> memory.update(text(args, "fact_id"), text(args, "fact"));
            case FORGET -> memory.forget(text(args, "fact_id"));
            default -> "Not done: there is no tool named " + call.name();
        };
    }

    private static @Nullable String text(JsonNode args, String field) {
        JsonNode v = args.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** At most {@code max} characters, cut after the last sentence end (or word) that fits. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String head = text.substring(0, max - 1);
        int sentence = Math.max(head.lastIndexOf(". "), Math.max(head.lastIndexOf("! "), head.lastIndexOf("? ")));
        if (sentence >= max / 2) {
            return head.substring(0, sentence + 1);
        }
        int space = head.lastIndexOf(' ');
        return (space >= max / 2 ? head.substring(0, space) : head).stripTrailing() + "…";
    }

    private static @Nullable Integer sum(@Nullable Integer a, @Nullable Integer b) {
        return a == null ? b : b == null ? a : a + b;
    }
}
