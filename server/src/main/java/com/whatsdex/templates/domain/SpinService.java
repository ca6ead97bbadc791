package com.whatsdex.templates.domain;

import com.whatsdex.ai.AiApi;
import com.whatsdex.ai.AiException;
import com.whatsdex.ai.ChatCall;
import com.whatsdex.shared.ApiErrorResponse;
import com.whatsdex.shared.ApiException;
import com.whatsdex.templates.MessageBody;
import com.whatsdex.tenancy.Plan;
import com.whatsdex.tenancy.PlanLimits;
import com.whatsdex.tenancy.TenancyApi;
import com.whatsdex.tenancy.WorkspaceView;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * AI spinning (Enterprise): asks the AI provider for rewrites of a body and keeps those that are valid templates with
 * exactly the body's variables. Nothing is stored; the dashboard inserts the variants as spintax or as alternative
 * bodies.
 */
@Service
public class SpinService {

    private static final Logger log = LoggerFactory.getLogger(SpinService.class);

    /**
     * Spins one workspace may have in flight at once, so one workspace cannot take every AI slot. Counted per server
     * instance (a spin holds no database state, and holding a connection for a 30 s call to keep a lock would cost
     * more than it protects): with N instances behind a balancer a workspace can have up to 2 × N in flight.
     */
    static final int CONCURRENT_PER_WORKSPACE = 2;

    private static final long RETRY_AFTER_SECONDS = 5;
    private static final double TEMPERATURE = 0.9;

    private static final String SYSTEM_PROMPT = """
            You rewrite WhatsApp messages that a business sends to its customers, so that not every customer \
            receives the identical text. Rules for every version you write:
            1. Keep the meaning, the tone and the language of the original, and about its length.
            2. Copy every placeholder in double braces exactly as written, character for character and as many \
            times as it appears, e.g. {{first_name}} or {{ first_name | there }}. Never translate, rename, add, \
            remove or reformat a placeholder.
            3. Text in single braces with | between alternatives, e.g. {Hi|Hello}, is spintax: keep it valid \
            (opening brace, at least two alternatives, closing brace) or replace it with plain text. Never leave a \
            lone brace.
            4. Keep WhatsApp formatting (*bold*, _italic_), links, numbers and emojis that carry meaning.
            5. Every version must differ noticeably from the original and from the other versions.
            Answer with only a JSON array of strings, one string per version, and nothing else.""";

    private final TenancyApi tenancy;
    private final AiApi ai;
    private final Map<UUID, Integer> inFlight = new ConcurrentHashMap<>();

    SpinService(TenancyApi tenancy, AiApi ai) {
        this.tenancy = tenancy;
        this.ai = ai;
    }

    /** Whether the current workspace can spin now; checks the plan first, then the server's configuration. */
    public SpinAvailability availability() {
        if (!allowed(tenancy.currentWorkspace())) {
            return new SpinAvailability(
                    false,
                    SpinAvailability.Reason.upgrade_required,
                    upgradeRequired().getMessage());
        }
        if (!ai.configured()) {
            return new SpinAvailability(
                    false,
                    SpinAvailability.Reason.ai_not_configured,
                    AiException.notConfigured().getMessage());
        }
        return SpinAvailability.yes();
    }

    /**
     * Up to {@code count} variants of {@code body}.
     *
     * @throws ApiException upgrade_required (403), ai_not_configured (503), validation_failed (400: the body does not
     *     parse), rate_limited (429), ai_provider_error (502)
     */
    public SpinResult spin(String body, int count) {
        WorkspaceView workspace = tenancy.currentWorkspace();
        if (!allowed(workspace)) {
            throw upgradeRequired();
        }
        if (!ai.configured()) {
            throw AiException.notConfigured();
        }
        MessageBody.parse(body, "body"); // a body with a syntax error cannot be checked against
        if (!acquire(workspace.id())) {
            throw AiException.busy(
                    "This workspace already has " + CONCURRENT_PER_WORKSPACE
                            + " AI spins in progress; try again when one has finished",
                    RETRY_AFTER_SECONDS);
        }
        try {
            String answer = ai.chat(
                            ChatCall.of(SYSTEM_PROMPT, userPrompt(body, count), TEMPERATURE, maxTokens(body, count)))
                    .text();
            List<String> candidates = SpinVariants.parseAnswer(answer);
            if (candidates == null) {
                log.warn(
                        "AI spin answer without a JSON array: {}",
                        answer.length() > 300 ? answer.substring(0, 300) : answer);
                throw AiException.provider(
                        "The AI provider's answer was not the list of variants asked for; try again");
            }
            return SpinVariants.sort(body, candidates, count);
        } finally {
            release(workspace.id());
        }
    }

    private static boolean allowed(WorkspaceView workspace) {
        return workspace.limits().aiSpinning();
    }

    private static ApiException upgradeRequired() {
        Plan plan = Plan.cheapestWith(PlanLimits::aiSpinning);
        String name = Character.toUpperCase(plan.name().charAt(0)) + plan.name().substring(1);
        return new ApiException(
                HttpStatus.FORBIDDEN,
                "upgrade_required",
                "AI spinning is part of the " + name + " plan; ask the platform operator to upgrade this workspace",
                List.of(new ApiErrorResponse.FieldError("plan", plan.name())));
    }

    private static String userPrompt(String body, int count) {
        return "Write " + count + (count == 1 ? " version" : " versions")
                + " of the message between the lines <<< and >>>. Answer with a JSON array of " + count
                + (count == 1 ? " string" : " strings") + ".\n<<<\n" + body + "\n>>>";
    }

    /** Room for every variant a little longer than the body (about 2 characters a token at worst), plus the JSON. */
    private static int maxTokens(String body, int count) {
        return Math.min(16_384, count * (body.length() / 2 + 64) + 64);
    }

    private boolean acquire(UUID workspace) {
        boolean[] granted = {false};
        inFlight.compute(workspace, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= CONCURRENT_PER_WORKSPACE) {
                return n;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0];
    }

    private void release(UUID workspace) {
        inFlight.computeIfPresent(workspace, (k, n) -> n <= 1 ? null : n - 1);
    }
}
