package com.whatsdex.templates;

import com.whatsdex.shared.ParseCache;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A parsed message body: text, {@code {{ variable | default }}} placeholders and {@code {a|b|c}} spintax (nested;
 * {@code \{ \} \| \\} are literal). Parse once, render per recipient: {@link #render} picks each spintax alternative
 * from a seed, so the same seed (campaign + recipient) always gives the same text and a retry sends what the first
 * try would have.
 */
public final class MessageBody {

    /** A piece of a body. */
    sealed interface Node {}

    record Text(String text) implements Node {}

    record Variable(String name, @Nullable String fallback) implements Node {}

    record Spin(List<List<Node>> alternatives) implements Node {}

    private final List<Node> nodes;

    private MessageBody(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * @param field the request field the body came from, for the error
     * @throws TemplateSyntaxException for unbalanced braces, an empty or malformed variable, a dangling escape
     */
    public static MessageBody parse(String body, String field) {
        return PARSED.get(body, text -> parseUncached(text, field));
    }

    /**
     * Bodies parsed before, by text (a parse depends on the text alone; the field only names it in an error): a
     * campaign's body and variants are parsed once, not per batch.
     */
    private static final ParseCache<MessageBody> PARSED = new ParseCache<>(256);

    private static MessageBody parseUncached(String body, String field) {
        Parser p = new Parser(body, field);
        List<Node> nodes = p.sequence(false);
        if (p.at < body.length()) {
            throw new TemplateSyntaxException(field, p.at, "Unexpected '" + body.charAt(p.at) + "'");
        }
        return new MessageBody(nodes);
    }

    /** The variables the body uses, in order of first use (spintax alternatives included). */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        collect(nodes, names);
        return names;
    }

    /** Every distinct way the variables appear, as written (name and default), for comparing bodies. */
    public List<String> placeholders() {
        List<String> all = new ArrayList<>();
        placeholders(nodes, all);
        return all;
    }

    /** Whether the body has spintax. */
    public boolean spins() {
        return nodes.stream().anyMatch(n -> n instanceof Spin);
    }

    /**
     * The text for one recipient. A variable without a value (absent, blank) renders its default, or nothing.
     *
     * @param values variable name → value, e.g. from {@link Variables#of}
     */
    public String render(Map<String, String> values, long seed) {
        StringBuilder out = new StringBuilder();
        render(nodes, values, new SplittableRandom(seed), out);
        return out.toString();
    }

    private static void render(
            List<Node> nodes, Map<String, String> values, SplittableRandom random, StringBuilder out) {
        for (Node node : nodes) {
            switch (node) {
                case Text t -> out.append(t.text());
                case Variable v -> {
                    String value = values.get(v.name());
                    if (value != null && !value.isBlank()) {
                        out.append(value);
                    } else if (v.fallback() != null) {
                        out.append(v.fallback());
                    }
                }
                case Spin s ->
                    render(s.alternatives().get(random.nextInt(s.alternatives().size())), values, random, out);
            }
        }
    }

    private static void collect(List<Node> nodes, Set<String> names) {
        for (Node node : nodes) {
            if (node instanceof Variable v) {
                names.add(v.name());
            } else if (node instanceof Spin s) {
                s.alternatives().forEach(a -> collect(a, names));
            }
        }
    }

    private static void placeholders(List<Node> nodes, List<String> all) {
        for (Node node : nodes) {
            if (node instanceof Variable v) {
                all.add(v.fallback() == null ? v.name() : v.name() + "|" + v.fallback());
            } else if (node instanceof Spin s) {
                s.alternatives().forEach(a -> placeholders(a, all));
            }
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Recursive descent over the body; {@code at} is the next character. */
    private static final class Parser {
        private final String s;
        private final String field;
        int at;

        Parser(String s, String field) {
            this.s = s;
            this.field = field;
        }

        /** Nodes up to the end, or (inside spintax) up to an unescaped {@code |} or {@code }}. */
        List<Node> sequence(boolean inSpin) {
            List<Node> nodes = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c == '\\') {
                    if (at + 1 >= s.length()) {
                        throw new TemplateSyntaxException(field, at, "A backslash must escape one of { } | \\");
                    }
                    char next = s.charAt(at + 1);
                    if ("{}|\\".indexOf(next) < 0) {
                        text.append(c); // a lone backslash is just text
                        at++;
                        continue;
                    }
                    text.append(next);
                    at += 2;
                } else if (c == '{' && at + 1 < s.length() && s.charAt(at + 1) == '{') {
                    flush(text, nodes);
                    nodes.add(variableOrSpin());
                } else if (c == '{') {
                    flush(text, nodes);
                    nodes.add(spin());
                } else if (c == '}') {
                    if (inSpin) {
                        break;
                    }
                    throw new TemplateSyntaxException(field, at, "Unbalanced '}' (write \\} for a literal brace)");
                } else if (c == '|' && inSpin) {
                    break;
                } else {
                    text.append(c);
                    at++;
                }
            }
            flush(text, nodes);
            return nodes;
        }

        /**
         * {@code {{} starts a variable when what follows up to {@code }}} is one; otherwise it is spintax whose first
         * alternative starts with a brace ({@code {{Hi|Hello}|Hey}}). When it is neither, the variable's error is
         * the one reported: that is what such text almost always meant.
         */
        private Node variableOrSpin() {
            int start = at;
            String problem = variableProblem(start);
            if (problem == null) {
                return variable();
            }
            try {
                return spin();
            } catch (TemplateSyntaxException e) {
                at = start;
                throw new TemplateSyntaxException(field, start, problem);
            }
        }

        /** Why the text at {@code from} is not a variable, or null when it is one. */
        private @Nullable String variableProblem(int from) {
            int close = s.indexOf("}}", from + 2);
            if (close < 0) {
                return "Unclosed '{{' (a variable ends with '}}')";
            }
            String inside = s.substring(from + 2, close);
            if (inside.contains("{")) {
                return "Unclosed '{{' (a variable ends with '}}')";
            }
            int bar = inside.indexOf('|');
            String name = (bar < 0 ? inside : inside.substring(0, bar)).strip();
            if (name.isEmpty()) {
                return "Empty variable '{{}}'";
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]{0,63}")) {
                return "'" + name + "' is not a variable name (letters, digits, _ . -)";
            }
            return null;
        }

        private Node variable() {
            int close = s.indexOf("}}", at + 2);
            String inside = s.substring(at + 2, close);
            int bar = inside.indexOf('|');
            String name = (bar < 0 ? inside : inside.substring(0, bar)).strip();
            String fallback = bar < 0 ? null : inside.substring(bar + 1).strip();
            at = close + 2;
            return new Variable(name.toLowerCase(java.util.Locale.ROOT), fallback);
        }

        private Node spin() {
            int start = at;
            at++; // '{'
            List<List<Node>> alternatives = new ArrayList<>();
            while (true) {
                alternatives.add(sequence(true));
                if (at >= s.length()) {
                    throw new TemplateSyntaxException(field, start, "Unclosed '{' (spintax ends with '}')");
                }
                char c = s.charAt(at++);
                if (c == '}') {
                    break;
                }
                // c == '|': the next alternative
            }
            if (alternatives.size() < 2) {
                throw new TemplateSyntaxException(
                        field,
                        start,
                        "Spintax needs at least two alternatives, e.g. {Hi|Hello} (write \\{ for a brace)");
            }
            return new Spin(List.copyOf(alternatives));
        }

        private static void flush(StringBuilder text, List<Node> nodes) {
            if (!text.isEmpty()) {
                nodes.add(new Text(text.toString()));
                text.setLength(0);
            }
        }
    }
}
