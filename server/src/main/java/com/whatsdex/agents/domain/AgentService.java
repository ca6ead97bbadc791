package com.whatsdex.agents.domain;

import com.whatsdex.agents.AgentClock;
import com.whatsdex.agents.AgentReplyView;
import com.whatsdex.agents.AgentView;
import com.whatsdex.agents.ConversationAgentState;
import com.whatsdex.agents.FactView;
import com.whatsdex.ai.AiApi;
import com.whatsdex.ai.AiException;
import com.whatsdex.ai.ChatTurn;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.ApiErrorResponse.FieldError;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.shared.Principals;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.tenancy.Plan;
import com.whatsdex.tenancy.TenancyApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Agents: their settings and channels, the activity of their replies, hand-overs, and the test chat. */
@Service
public class AgentService {

    /** What the editor sends; null numbers keep the defaults. */
    public record AgentFields(
            String name,
            String instructions,
            @Nullable String model,
            @Nullable Double temperature,
            @Nullable Integer maxReplyChars,
            @Nullable Integer replyDelaySeconds,
            @Nullable Integer handoverMinutes,
            boolean enabled,
            List<UUID> channelIds) {}

    /**
     * Whether agents can run here.
     *
     * @param configured whether the server has an AI provider; without one, agents cannot be enabled
     * @param defaultModel the model agents use unless they name another
     * @param limit the most agents the plan allows
     * @param upgradePlan the cheapest plan that allows more, when the limit is reached
     */
    public record Availability(
            boolean configured,
            @Nullable String defaultModel,
            int limit,
            int used,
            @Nullable String upgradePlan,
            int maxFactsPerContact) {}

    /**
     * A test chat's answer.
     *
     * @param toolCalls the memory tools the model called; they changed the contact's facts only when a contact was
     *     given
     */
    public record TestReply(
            String reply,
            List<AgentReplyView.ToolUse> toolCalls,
            List<FactView> facts,
            @Nullable Integer inputTokens,
            @Nullable Integer outputTokens) {}

    static final double DEFAULT_TEMPERATURE = 0.7;
    static final int DEFAULT_MAX_REPLY_CHARS = 1000;
    static final int DEFAULT_HANDOVER_MINUTES = 60;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AgentRepository agents;
    private final ReplyRepository replies;
    private final FactService facts;
    private final AgentBrain brain;
    private final AiApi ai;
    private final ChannelsApi channels;
    private final ContactsApi contacts;
    private final ContactBatchApi contactBatch;
    private final MessagingApi messaging;
    private final TenancyApi tenancy;
    private final RealtimeEvents realtime;
    private final AgentClock clock;
    private final TransactionTemplate tx;

    AgentService(
            AgentRepository agents,
            ReplyRepository replies,
            FactService facts,
            AgentBrain brain,
            AiApi ai,
            ChannelsApi channels,
            ContactsApi contacts,
            ContactBatchApi contactBatch,
            MessagingApi messaging,
            TenancyApi tenancy,
            RealtimeEvents realtime,
            AgentClock clock,
            PlatformTransactionManager txManager) {
        this.agents = agents;
        this.replies = replies;
        this.facts = facts;
        this.brain = brain;
        this.ai = ai;
        this.channels = channels;
        this.contacts = contacts;
        this.contactBatch = contactBatch;
        this.messaging = messaging;
        this.tenancy = tenancy;
        this.realtime = realtime;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    public Availability availability() {
        int limit = tenancy.currentWorkspace().limits().agents();
        int used = inTx(agents::count);
        String upgrade = used >= limit ? nextPlan(limit) : null;
        return new Availability(
                ai.configured(), ai.configured() ? ai.defaultModel() : null, limit, used, upgrade, facts.limit());
    }

    public List<AgentView> list() {
        return inTx(agents::list);
    }

    public AgentView get(UUID id) {
        return inTx(() -> agents.find(id)).orElseThrow(() -> ApiException.notFound("Agent"));
    }

    public AgentView create(AgentFields fields) {
        Principals.requireManager("create agents");
        AgentRepository.Fields f = validated(fields);
        List<UUID> channelIds = channelIds(fields.channelIds());
        UUID id = Ids.newId();
        UUID tenantId = TenantContext.requireTenantId();
        saving(() -> {
            agents.lockAgentsOf(tenantId);
            int limit = tenancy.currentWorkspace().limits().agents();
            if (agents.count() >= limit) {
                throw ApiException.upgradeRequired(
                        "More than " + limit + (limit == 1 ? " agent" : " agents"), nextPlan(limit));
            }
            requireFreeName(f.name(), null);
            agents.insert(id, f);
            bind(id, channelIds);
        });
        return get(id);
    }

    public AgentView update(UUID id, AgentFields fields) {
        Principals.requireManager("edit agents");
        AgentRepository.Fields f = validated(fields);
        List<UUID> channelIds = channelIds(fields.channelIds());
        saving(() -> {
            agents.lock(id).orElseThrow(() -> ApiException.notFound("Agent"));
            requireFreeName(f.name(), id);
            agents.update(id, f);
            bind(id, channelIds);
        });
        return get(id);
    }

    /** Turns an agent on or off without touching the rest. */
    public AgentView setEnabled(UUID id, boolean enabled) {
        Principals.requireManager("edit agents");
        if (enabled && !ai.configured()) {
            throw AiException.notConfigured();
        }
        inTx(() -> {
            AgentView a = agents.lock(id).orElseThrow(() -> ApiException.notFound("Agent"));
            agents.update(
                    id,
                    new AgentRepository.Fields(
                            a.name(),
                            a.instructions(),
                            a.model(),
                            a.temperature(),
                            a.maxReplyChars(),
                            a.replyDelaySeconds(),
                            a.handoverMinutes(),
                            enabled));
            return true;
        });
        return get(id);
    }

    /** Replies still waiting are left to end as skipped (the agent is gone). */
    public void delete(UUID id) {
        Principals.requireManager("delete agents");
        if (!inTx(() -> agents.delete(id))) {
            throw ApiException.notFound("Agent");
        }
    }

    /** The agents' replies, newest first. */
    public PageResponse<AgentReplyView> activity(
            @Nullable UUID agentId,
            @Nullable UUID contactId,
            @Nullable String status,
            @Nullable Integer limit,
            @Nullable String cursor) {
        int n = Cursors.limit(limit);
        String key = Cursors.decode(cursor);
        UUID before;
        try {
            before = key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "is not a cursor this API returned");
        }
        if (status != null
                && !List.of("pending", "replied", "skipped", "failed").contains(status)) {
            throw ApiException.validation("status", "must be pending, replied, skipped or failed");
        }
        List<AgentReplyView> views = inTx(() -> {
            List<ReplyRepository.Reply> rows = replies.list(agentId, contactId, status, before, n + 1);
            Map<UUID, String> names = new HashMap<>();
            agents.list().forEach(a -> names.put(a.id(), a.name()));
            Map<UUID, ContactRef> people = contactBatch.getAll(
                    rows.stream().map(ReplyRepository.Reply::contactId).toList());
            return rows.stream().map(r -> view(r, names, people)).toList();
        });
        return Cursors.page(views, n, v -> v.id().toString());
    }

    /** Whether an agent answers this contact now, and why not. */
    public ConversationAgentState conversationState(UUID contactId) {
        return inTx(() -> {
            ContactRef contact = contacts.get(contactId);
            UUID channel = contact.lastChannelId();
            AgentView agent =
                    channel == null ? null : agents.forChannel(channel).orElse(null);
            return state(
                    agent,
                    replies.handover(contactId).orElse(null),
                    messaging.lastInboxReplyAt(contactId).orElse(null));
        });
    }

    /** Lets the agent answer the contact again: clears a hand-over flag. Returns the new state. */
    public ConversationAgentState resume(UUID contactId) {
        inTx(() -> {
            contacts.get(contactId);
            replies.unflag(contactId);
            return true;
        });
        return conversationState(contactId);
    }

    /**
     * The agent's answer to a conversation typed in the dashboard, sent nowhere. With a contact, the agent knows
     * the contact's facts and its memory tools change them; without one, it starts from nothing and its tool calls
     * are only reported.
     */
    public TestReply testChat(UUID id, List<ChatTurn> conversation, @Nullable UUID contactId) {
        AgentView agent = get(id);
        if (!ai.configured()) {
            throw AiException.notConfigured();
        }
        AgentBrain.Memory memory;
        AgentBrain.Customer customer;
        if (contactId != null) {
            ContactRef contact = inTx(() -> contacts.get(contactId));
            memory = contactMemory(contactId, agent.id(), null);
            customer = new AgentBrain.Customer(contact.name(), contact.phone());
        } else {
            memory = scratchMemory();
            customer = new AgentBrain.Customer("Test customer", null);
        }
        AgentBrain.Answer answer;
        try {
            answer = brain.answer(agent, customer, conversation, memory);
        } catch (AgentBrain.NoAnswerException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "ai_provider_error", e.getMessage());
        }
        return new TestReply(
                answer.text(),
                answer.toolUses(),
                contactId == null ? List.of() : facts.current(contactId),
                answer.inputTokens(),
                answer.outputTokens());
    }

    /** The state of a conversation given what is known: the agent on its channel, a flag, a person's last reply. */
    ConversationAgentState state(
            @Nullable AgentView agent, ReplyRepository.@Nullable Handover flag, @Nullable Instant humanAt) {
        UUID agentId = agent == null ? null : agent.id();
        String agentName = agent == null ? null : agent.name();
        if (flag != null && (humanAt == null || humanAt.isBefore(flag.flaggedAt()))) {
            return new ConversationAgentState(agentId, agentName, "needs_human", null, flag.reason(), flag.flaggedAt());
        }
        if (agent == null || !agent.enabled()) {
            return new ConversationAgentState(agentId, agentName, "none", null, null, null);
        }
        if (humanAt != null) {
            Instant until = humanAt.plus(Duration.ofMinutes(agent.handoverMinutes()));
            if (until.isAfter(clock.now())) {
                return new ConversationAgentState(agentId, agentName, "paused", until, null, null);
            }
        }
        return new ConversationAgentState(agentId, agentName, "active", null, null, null);
    }

    /** The memory tools over a contact's facts. */
    AgentBrain.Memory contactMemory(UUID contactId, @Nullable UUID agentId, @Nullable UUID messageId) {
        return new AgentBrain.Memory() {
            @Override
            public List<FactView> facts() {
                return facts.current(contactId);
            }

            @Override
            public String remember(@Nullable String fact) {
                return facts.remember(contactId, agentId, messageId, fact);
            }

            @Override
            public String update(@Nullable String factId, @Nullable String fact) {
                return facts.update(contactId, agentId, messageId, factId, fact);
            }

            @Override
            public String forget(@Nullable String factId) {
                return facts.forget(contactId, factId);
            }
        };
    }

    /** A test chat without a contact: the tools answer as if they worked and change nothing. */
    private static AgentBrain.Memory scratchMemory() {
        return new AgentBrain.Memory() {
            @Override
            public List<FactView> facts() {
                return List.of();
            }

            @Override
            public String remember(@Nullable String fact) {
                return "Remembered (test chat: nothing is stored without a contact)";
            }

            @Override
            public String update(@Nullable String factId, @Nullable String fact) {
                return "Updated (test chat: nothing is stored without a contact)";
            }

            @Override
            public String forget(@Nullable String factId) {
                return "Forgotten (test chat: nothing is stored without a contact)";
            }
        };
    }

    void publish(ReplyRepository.Reply reply, boolean needsHuman) {
        realtime.publish(new RealtimeEvent.AgentActivity(
                reply.id(), reply.agentId(), reply.contactId(), reply.status(), needsHuman));
    }

    static AgentReplyView view(ReplyRepository.Reply r, Map<UUID, String> agentNames, Map<UUID, ContactRef> people) {
        ContactRef contact = people.get(r.contactId());
        List<AgentReplyView.ToolUse> tools =
                JSON.readValue(r.toolCallsJson(), new TypeReference<List<AgentReplyView.ToolUse>>() {});
        return new AgentReplyView(
                r.id(),
                r.agentId(),
                agentNames.getOrDefault(r.agentId(), "(deleted agent)"),
                r.contactId(),
                contact == null ? null : contact.name(),
                contact == null ? "(deleted contact)" : contact.phone(),
                r.channelId(),
                r.inboundMessageId(),
                r.inboundText(),
                r.status(),
                r.reason(),
                r.replyMessageId(),
                r.replyText(),
                tools,
                r.attempts(),
                r.inputTokens(),
                r.outputTokens(),
                r.receivedAt(),
                r.pickedUpAt() == null
                        ? null
                        : Math.max(
                                0, Duration.between(r.dueAt(), r.pickedUpAt()).toMillis()),
                r.completedAt());
    }

    private AgentRepository.Fields validated(AgentFields f) {
        List<FieldError> errors = new ArrayList<>();
        String name = f.name() == null ? "" : f.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "must be 1 to 100 characters"));
        }
        String instructions = f.instructions() == null ? "" : f.instructions().strip();
        if (instructions.isEmpty() || instructions.length() > 8000) {
            errors.add(new FieldError("instructions", "must be 1 to 8000 characters"));
        }
        String model =
                f.model() == null || f.model().isBlank() ? null : f.model().strip();
        if (model != null && model.length() > 200) {
            errors.add(new FieldError("model", "must be at most 200 characters"));
        }
        double temperature = f.temperature() == null ? DEFAULT_TEMPERATURE : f.temperature();
        if (temperature < 0 || temperature > 2) {
            errors.add(new FieldError("temperature", "must be between 0 and 2"));
        }
        int maxChars = f.maxReplyChars() == null ? DEFAULT_MAX_REPLY_CHARS : f.maxReplyChars();
        if (maxChars < 20 || maxChars > 4096) {
            errors.add(new FieldError("maxReplyChars", "must be between 20 and 4096"));
        }
        int delay = f.replyDelaySeconds() == null ? 0 : f.replyDelaySeconds();
        if (delay < 0 || delay > 60) {
            errors.add(new FieldError("replyDelaySeconds", "must be between 0 and 60"));
        }
        int handover = f.handoverMinutes() == null ? DEFAULT_HANDOVER_MINUTES : f.handoverMinutes();
        if (handover < 1 || handover > 10080) {
            errors.add(new FieldError("handoverMinutes", "must be between 1 and 10080 (a week)"));
        }
        if (f.channelIds() != null && f.channelIds().size() > 100) {
            errors.add(new FieldError("channelIds", "must have at most 100 channels"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", errors);
        }
        if (f.enabled() && !ai.configured()) {
            throw AiException.notConfigured();
        }
        return new AgentRepository.Fields(
                name, instructions, model, temperature, maxChars, delay, handover, f.enabled());
    }

    /** The channels, each checked to be the workspace's. */
    private List<UUID> channelIds(@Nullable List<UUID> requested) {
        List<UUID> ids = requested == null ? List.of() : List.copyOf(new LinkedHashSet<>(requested));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                channels.get(ids.get(i));
            } catch (ApiException e) {
                errors.add(new FieldError("channelIds[" + i + "]", "is not a channel of this workspace"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", errors);
        }
        return ids;
    }

    /** Binds the channels, refusing any another agent answers on (a channel has one agent). */
    private void bind(UUID agentId, List<UUID> channelIds) {
        List<AgentRepository.Binding> taken = agents.boundElsewhere(channelIds, agentId);
        if (!taken.isEmpty()) {
            AgentRepository.Binding first = taken.getFirst();
            String channelName = channels.get(first.channelId()).name();
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "conflict",
                    "The channel \"" + channelName + "\" is already answered by the agent \"" + first.agentName()
                            + "\"; a channel has one agent",
                    List.of(new FieldError("channelIds", "\"" + channelName + "\" has another agent")));
        }
        agents.replaceChannels(agentId, channelIds);
    }

    private void requireFreeName(String name, @Nullable UUID except) {
        if (agents.nameTaken(name, except)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "duplicate_name",
                    "An agent named \"" + name + "\" already exists",
                    List.of(new FieldError("name", "is already used by another agent")));
        }
    }

    /** Runs a save; a concurrent save binding the same channel surfaces as the same 409 as a checked one. */
    private void saving(Runnable work) {
        try {
            tx.executeWithoutResult(s -> work.run());
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Another save changed these agents or channels at the same time; try again");
        }
    }

    private static String nextPlan(int limit) {
        return Plan.cheapestWith(l -> l.agents() > limit).name();
    }

    private <T> T inTx(Supplier<T> work) {
        T result = tx.execute(s -> work.get());
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return result;
    }
}
