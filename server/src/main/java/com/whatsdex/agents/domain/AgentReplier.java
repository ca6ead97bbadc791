package com.whatsdex.agents.domain;

import com.whatsdex.agents.AgentClock;
import com.whatsdex.agents.AgentReplyView.ToolUse;
import com.whatsdex.agents.AgentView;
import com.whatsdex.ai.AiException;
import com.whatsdex.ai.ChatTurn;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.jobs.JobContext;
import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.messaging.InboundMessageReceived;
import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.messaging.OutboundMessages;
import com.whatsdex.messaging.OutboundRequest;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TransactionScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers customers: a customer's text on a channel with an enabled agent creates a pending reply (in the
 * transaction that stores the message) and schedules {@value #TASK} on the {@code ai} worker group. The job checks
 * that the agent should still answer, asks the model with the recent conversation and the contact's facts, runs the
 * memory tools it calls, and sends the answer through the outbound pipeline with the client key
 * {@code agent:<message id>}, so however often the job runs, one answer is sent. Provider failures are retried with
 * backoff; the last one hands the conversation to a person.
 */
@Service
public class AgentReplier {

    static final String TASK = "agents.reply";

    private static final Logger log = LoggerFactory.getLogger(AgentReplier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The job's data: the reply row to work on. */
    public record ReplyJob(UUID tenantId, UUID replyId) implements TenantJobData {}

    @Configuration(proxyBeanMethods = false)
    static class Jobs {

        @Bean
        TenantTask<ReplyJob> agentReplyTask(AgentReplier replier, AgentProperties props) {
            return TenantTask.of(TASK, WorkerGroup.ai, ReplyJob.class, props.retryPolicy(), replier::run);
        }
    }

    private final AgentRepository agents;
    private final ReplyRepository replies;
    private final AgentService service;
    private final AgentBrain brain;
    private final ContactsApi contacts;
    private final MessagingApi messaging;
    private final OutboundMessages outbound;
    private final JobScheduler jobs;
    private final AgentClock clock;
    private final AgentProperties props;
    private final RealtimeEvents realtime;
    private final TransactionTemplate tx;

    AgentReplier(
            AgentRepository agents,
            ReplyRepository replies,
            AgentService service,
            AgentBrain brain,
            ContactsApi contacts,
            MessagingApi messaging,
            OutboundMessages outbound,
            JobScheduler jobs,
            AgentClock clock,
            AgentProperties props,
            RealtimeEvents realtime,
            PlatformTransactionManager txManager) {
        this.realtime = realtime;
        this.agents = agents;
        this.replies = replies;
        this.service = service;
        this.brain = brain;
        this.contacts = contacts;
        this.messaging = messaging;
        this.outbound = outbound;
        this.jobs = jobs;
        this.clock = clock;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
    }

    /**
     * Runs in the transaction that stored the customer's message, as its workspace: the pending reply and its job
     * exist exactly when the message does.
     */
    @EventListener
    void on(InboundMessageReceived message) {
        if (message.text() == null || message.text().isBlank()) {
            return; // a sticker, a location, media without a caption: nothing an agent can read
        }
        Optional<AgentView> agent = enabledForChannel(message.channelId());
        if (agent.isEmpty()) {
            return;
        }
        UUID replyId = Ids.newId();
        if (replies.insertPending(
                replyId,
                agent.get().id(),
                message.contactId(),
                message.channelId(),
                message.messageId(),
                message.text(),
                Instant.now(),
                Instant.now().plusSeconds(agent.get().replyDelaySeconds()))) {
            jobs.schedule(
                    TASK,
                    replyId.toString(),
                    new ReplyJob(message.tenantId(), replyId),
                    Instant.now().plusSeconds(agent.get().replyDelaySeconds()));
            realtime.publish(
                    new RealtimeEvent.AgentActivity(replyId, agent.get().id(), message.contactId(), "pending", false));
        }
    }

    /**
     * The channel's enabled agent, looked up once per transaction and channel: the webhook ingest stores many
     * messages of one workspace in one transaction (10 on average under load) and announces each, which asked the
     * database once per message. Outside a transaction, looked up every time.
     */
    private Optional<AgentView> enabledForChannel(UUID channelId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return agents.enabledForChannel(channelId);
        }
        ChannelAgents memo =
                TransactionScoped.find(ChannelAgents.class, m -> m.owner == this, () -> new ChannelAgents(this));
        return memo.byChannel.computeIfAbsent(channelId, agents::enabledForChannel);
    }

    /** One transaction's lookups of agents by channel. */
    private static final class ChannelAgents implements TransactionSynchronization {
        final AgentReplier owner;
        final Map<UUID, Optional<AgentView>> byChannel = new HashMap<>();

        ChannelAgents(AgentReplier owner) {
            this.owner = owner;
        }
    }

    void run(ReplyJob job, JobContext context) {
        ReplyRepository.Reply reply =
                tx.execute(s -> replies.startAttempt(job.replyId()).orElse(null));
        if (reply == null) {
            return; // ended already: answered by an earlier attempt, superseded, or its agent deleted
        }
        Decision decision = Objects.requireNonNull(tx.execute(s -> decide(reply)));
        if (decision.skip() != null) {
            end(reply, "skipped", decision.skip(), null, null, List.of(), null, null, false);
            return;
        }
        AgentView agent = Objects.requireNonNull(decision.agent());
        ContactRef contact = Objects.requireNonNull(decision.contact());
        tx.executeWithoutResult(s -> replies.supersede(reply.contactId(), reply.channelId(), reply.inboundMessageId()));
        AgentBrain.Answer answer;
        try {
            answer = brain.answer(
                    agent,
                    new AgentBrain.Customer(contact.name(), contact.phone()),
                    history(reply),
                    service.contactMemory(reply.contactId(), agent.id(), reply.inboundMessageId()));
        } catch (AiException e) {
            boolean last =
                    !props.retryPolicy().allowsRetryAfter(context.attempt()) || "ai_not_configured".equals(e.code());
            if (!last) {
                log.info(
                        "Agent reply {} attempt {} failed, retrying: {}",
                        reply.id(),
                        context.attempt(),
                        e.getMessage());
                throw e;
            }
            handOver(
                    reply,
                    agent,
                    "The AI provider failed " + context.attempt() + (context.attempt() == 1 ? " time" : " times") + ": "
                            + e.getMessage(),
                    List.of());
            return;
        } catch (AgentBrain.NoAnswerException e) {
            handOver(reply, agent, e.getMessage(), e.toolUses);
            return;
        }
        if (answer.text().isBlank()) {
            handOver(reply, agent, "The model's answer was empty", answer.toolUses());
            return;
        }
        MessageView sent;
        try {
            sent = outbound.send(new OutboundRequest(
                    reply.contactId(),
                    null,
                    reply.channelId(),
                    new OutboundRequest.Content.Text(answer.text()),
                    "agent:" + reply.inboundMessageId(),
                    null,
                    OutboundRequest.Origin.agent));
        } catch (ApiException e) {
            if (e.status().is5xxServerError()) {
                throw e; // the database or the pipeline failed: try again (the client key keeps it to one send)
            }
            handOver(reply, agent, "The reply could not be sent: " + e.getMessage(), answer.toolUses());
            return;
        }
        if ("failed".equals(sent.status())) {
            String why = sent.errorTitle() != null ? sent.errorTitle() : "the provider refused it";
            end(
                    reply,
                    "failed",
                    "The reply was not delivered: " + why,
                    sent.id(),
                    sent.body(),
                    answer.toolUses(),
                    answer.inputTokens(),
                    answer.outputTokens(),
                    true);
            return;
        }
        end(
                reply,
                "replied",
                null,
                sent.id(),
                sent.body(),
                answer.toolUses(),
                answer.inputTokens(),
                answer.outputTokens(),
                false);
    }

    /** The agent and contact to answer with, or why the agent stays silent for this message. */
    private record Decision(
            @Nullable AgentView agent,
            @Nullable ContactRef contact,
            @Nullable String skip) {

        static Decision skip(String why) {
            return new Decision(null, null, why);
        }
    }

    /** Reads, in one transaction, everything that decides whether the agent answers. */
    private Decision decide(ReplyRepository.Reply reply) {
        AgentView agent = agents.find(reply.agentId()).orElse(null);
        if (agent == null || !agent.enabled()) {
            return Decision.skip("The agent was turned off");
        }
        if (!agent.channelIds().contains(reply.channelId())) {
            return Decision.skip("The agent no longer answers on this channel");
        }
        if (replies.newerPending(reply.contactId(), reply.channelId(), reply.inboundMessageId())) {
            return Decision.skip("Answered together with a later message");
        }
        ContactRef contact = contacts.findById(reply.contactId()).orElse(null);
        if (contact == null) {
            return Decision.skip("The contact was deleted");
        }
        if (contact.optedOut()) {
            return Decision.skip("The contact opted out");
        }
        ReplyRepository.Handover flag = replies.handover(reply.contactId()).orElse(null);
        Instant humanAt = messaging.lastInboxReplyAt(reply.contactId()).orElse(null);
        return switch (service.state(agent, flag, humanAt).state()) {
            case "needs_human" -> Decision.skip("The conversation is waiting for a person");
            case "paused" -> Decision.skip("A person is answering this conversation");
            default -> new Decision(agent, contact, null);
        };
    }

    /** The recent conversation, oldest first, up to (and always including) the message being answered. */
    private List<ChatTurn> history(ReplyRepository.Reply reply) {
        List<MessageView> newestFirst = messaging
                .thread(reply.contactId(), props.historyMessages(), null)
                .items();
        Instant since = clock.now().minus(props.conversationGap());
        List<ChatTurn> turns = new ArrayList<>();
        for (MessageView m : newestFirst.reversed()) {
            if (m.id().compareTo(reply.inboundMessageId()) > 0) {
                continue; // written after the message this job answers: its own job answers it
            }
            boolean answered = m.id().equals(reply.inboundMessageId());
            if (!answered && m.createdAt().isBefore(since)) {
                continue; // a past conversation: what mattered of it is in the facts
            }
            String text = text(m);
            if (text != null) {
                turns.add("in".equals(m.direction()) ? ChatTurn.user(text) : ChatTurn.assistant(text));
            }
        }
        if (turns.isEmpty() && reply.inboundText() != null) {
            turns.add(ChatTurn.user(reply.inboundText()));
        }
        return turns;
    }

    private static @Nullable String text(MessageView m) {
        if (m.body() != null && !m.body().isBlank()) {
            return m.body();
        }
        if (m.media() != null && m.media().caption() != null) {
            return "[" + m.type() + "] " + m.media().caption();
        }
        if (m.replyTitle() != null) {
            return m.replyTitle();
        }
        if (m.template() != null) {
            return "[template " + m.template().name() + "]";
        }
        return "[" + m.type() + "]";
    }

    private void handOver(ReplyRepository.Reply reply, AgentView agent, String reason, List<ToolUse> tools) {
        log.warn("Agent {} handed conversation with contact {} to a person: {}", agent.id(), reply.contactId(), reason);
        end(reply, "failed", reason, null, null, tools, null, null, true);
    }

    private void end(
            ReplyRepository.Reply reply,
            String status,
            @Nullable String reason,
            @Nullable UUID messageId,
            @Nullable String text,
            List<ToolUse> tools,
            @Nullable Integer inputTokens,
            @Nullable Integer outputTokens,
            boolean needsHuman) {
        tx.executeWithoutResult(s -> {
            if (!replies.finish(
                    reply.id(),
                    status,
                    reason,
                    messageId,
                    text,
                    JSON.writeValueAsString(tools),
                    inputTokens,
                    outputTokens)) {
                return;
            }
            if (needsHuman) {
                replies.flag(reply.contactId(), reply.agentId(), reason == null ? status : reason);
            }
            service.publish(
                    new ReplyRepository.Reply(
                            reply.id(),
                            reply.agentId(),
                            reply.contactId(),
                            reply.channelId(),
                            reply.inboundMessageId(),
                            reply.inboundText(),
                            status,
                            reason,
                            messageId,
                            text,
                            "[]",
                            reply.attempts(),
                            inputTokens,
                            outputTokens,
                            reply.receivedAt(),
                            reply.dueAt(),
                            reply.pickedUpAt(),
                            Instant.now()),
                    needsHuman);
        });
    }
}
