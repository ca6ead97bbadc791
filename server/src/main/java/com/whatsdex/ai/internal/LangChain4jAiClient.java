package com.whatsdex.ai.internal;

import com.whatsdex.ai.AiApi;
import com.whatsdex.ai.AiException;
import com.whatsdex.ai.AiProperties;
import com.whatsdex.ai.ChatCall;
import com.whatsdex.ai.ChatReply;
import com.whatsdex.ai.ChatTurn;
import com.whatsdex.ai.ToolCall;
import com.whatsdex.ai.ToolSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@link AiApi} over LangChain4j's {@link OpenAiChatModel} pointed at the configured base URL. The model is built
 * once per settings; {@link #use} swaps the settings at run time (tests point it at a local fake, and an operator
 * setting can later do the same without a restart).
 */
@Service
public class LangChain4jAiClient implements AiApi {

    private static final Logger log = LoggerFactory.getLogger(LangChain4jAiClient.class);

    /** How long a caller refused for lack of a slot should wait: about one typical completion. */
    private static final long BUSY_RETRY_AFTER_SECONDS = 5;

    private static final Pattern ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Provider(AiProperties settings, @Nullable ChatModel model, Semaphore slots) {}

    private final AtomicReference<Provider> provider = new AtomicReference<>();

    LangChain4jAiClient(AiProperties settings) {
        use(settings);
        if (settings.configured()) {
            log.info("AI provider: model {} at {}", settings.model(), settings.baseUrl());
        } else {
            log.info("AI provider not configured (WHATSDEX_AI_BASE_URL, WHATSDEX_AI_MODEL): AI features are off");
        }
    }

    /** Replaces the provider settings; calls in flight finish with the old ones. */
    public void use(AiProperties settings) {
        provider.set(new Provider(
                settings, settings.configured() ? model(settings) : null, new Semaphore(settings.maxConcurrent())));
    }

    /** The settings in force. */
    public AiProperties settings() {
        return provider.get().settings();
    }

    @Override
    public boolean configured() {
        return provider.get().model() != null;
    }

    @Override
    public @Nullable String defaultModel() {
        return configured() ? provider.get().settings().model() : null;
    }

    @Override
    public ChatReply chat(ChatCall call) {
        Provider p = provider.get();
        ChatModel model = p.model();
        if (model == null) {
            throw AiException.notConfigured();
        }
        if (!p.slots().tryAcquire()) {
            throw AiException.busy(
                    "The AI provider is busy with other requests on this server; try again in a few seconds",
                    BUSY_RETRY_AFTER_SECONDS);
        }
        try {
            ChatResponse response = model.chat(request(call));
            AiMessage answer = response.aiMessage();
            String text = answer == null || answer.text() == null ? "" : answer.text();
            List<ToolCall> calls = answer == null || !answer.hasToolExecutionRequests()
                    ? List.of()
                    : answer.toolExecutionRequests().stream()
                            .map(r -> new ToolCall(
                                    r.id() == null ? "call_" + r.name() : r.id(),
                                    r.name(),
                                    r.arguments() == null ? "{}" : r.arguments()))
                            .toList();
            if (text.isBlank() && calls.isEmpty()) {
                throw AiException.provider("The AI provider returned an empty answer");
            }
            TokenUsage usage = response.tokenUsage();
            return new ChatReply(
                    text,
                    calls,
                    response.modelName(),
                    usage == null ? null : usage.inputTokenCount(),
                    usage == null ? null : usage.outputTokenCount());
        } catch (AiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, p.settings());
        } finally {
            p.slots().release();
        }
    }

    private static ChatModel model(AiProperties settings) {
        String apiKey = settings.apiKey();
        return OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(apiKey == null || apiKey.isBlank() ? null : apiKey)
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(0) // interactive callers answer fast and decide themselves whether to try again
                .build();
    }

    private static ChatRequest request(ChatCall call) {
        List<ChatMessage> messages =
                call.messages().stream().map(LangChain4jAiClient::message).toList();
        ChatRequest.Builder request = ChatRequest.builder().messages(messages);
        if (!call.tools().isEmpty()) {
            request.toolSpecifications(
                    call.tools().stream().map(LangChain4jAiClient::tool).toList());
        }
        if (call.model() != null) {
            request.modelName(call.model());
        }
        if (call.temperature() != null) {
            request.temperature(call.temperature());
        }
        if (call.maxTokens() != null) {
            request.maxOutputTokens(call.maxTokens());
        }
        return request.build();
    }

    private static ChatMessage message(ChatTurn turn) {
        return switch (turn.role()) {
            case system -> SystemMessage.from(turn.text());
            case user -> UserMessage.from(turn.text());
            case assistant ->
                turn.toolCalls().isEmpty()
                        ? AiMessage.from(turn.text())
                        : AiMessage.from(
                                turn.text().isBlank() ? null : turn.text(),
                                turn.toolCalls().stream()
                                        .map(c -> ToolExecutionRequest.builder()
                                                .id(c.id())
                                                .name(c.name())
                                                .arguments(c.arguments())
                                                .build())
                                        .toList());
            case tool -> ToolExecutionResultMessage.from(turn.toolCallId(), turn.toolName(), turn.text());
        };
    }

    private static ToolSpecification tool(ToolSpec spec) {
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        List<String> required = new java.util.ArrayList<>();
        for (ToolSpec.Parameter p : spec.parameters()) {
            parameters.addStringProperty(p.name(), p.description());
            if (p.required()) {
                required.add(p.name());
            }
        }
        parameters.required(required);
        return ToolSpecification.builder()
                .name(spec.name())
                .description(spec.description())
                .parameters(parameters.build())
                .build();
    }

    /** A sentence for the caller; the details go to the log, never a stack trace to the client. */
    private static AiException translate(RuntimeException e, AiProperties settings) {
        HttpException http = cause(e, HttpException.class);
        if (http != null) {
            log.warn("AI provider answered HTTP {}: {}", http.statusCode(), excerpt(http.getMessage()));
            return AiException.provider("The AI provider answered HTTP " + http.statusCode() + describe(http));
        }
        if (cause(e, TimeoutException.class) != null || cause(e, HttpTimeoutException.class) != null) {
            log.warn("AI provider did not answer within {}", settings.timeout());
            Duration t = settings.timeout();
            return AiException.provider("The AI provider did not answer within "
                    + (t.toMillis() < 1000 ? t.toMillis() + " ms" : t.toSeconds() + " s"));
        }
        if (cause(e, ConnectException.class) != null) {
            log.warn("AI provider unreachable at {}: {}", settings.baseUrl(), e.toString());
            return AiException.provider("The AI provider could not be reached at " + settings.baseUrl());
        }
        log.warn("AI provider call failed", e);
        return AiException.provider("The AI provider's answer could not be used: " + excerpt(e.getMessage()));
    }

    /** The provider's own error sentence (OpenAI's {@code {"error": {"message": …}}}) or the start of its body. */
    private static String describe(HttpException e) {
        String body = e.getMessage() == null ? "" : e.getMessage();
        Matcher message = ERROR_MESSAGE.matcher(body);
        String text = excerpt(message.find() ? message.group(1) : body);
        return text.isEmpty() ? "" : ": " + text;
    }

    private static String excerpt(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
