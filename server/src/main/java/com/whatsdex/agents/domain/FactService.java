package com.whatsdex.agents.domain;

import com.whatsdex.agents.FactView;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A contact's facts: written by people on the contact page and by agents through their memory tools. Both paths
 * keep the same rules: one row per distinct fact (ignoring case), at most {@code maxFactsPerContact} per contact,
 * and nothing that looks like a payment card number.
 */
@Service
public class FactService {

    static final int MAX_LENGTH = 500;

    /** 13-19 digits, optionally grouped by spaces or dashes: a payment card number is never worth remembering. */
    private static final Pattern CARD_NUMBER = Pattern.compile("(?:\\d[ -]?){12,18}\\d");

    private final FactRepository facts;
    private final ContactsApi contacts;
    private final TransactionTemplate tx;
    private final int maxFacts;

    FactService(
            FactRepository facts, ContactsApi contacts, PlatformTransactionManager txManager, AgentProperties props) {
        this.facts = facts;
        this.contacts = contacts;
        this.tx = new TransactionTemplate(txManager);
        this.maxFacts = props.maxFactsPerContact();
    }

    /** The most facts a contact keeps. */
    public int limit() {
        return maxFacts;
    }

    /** @throws ApiException not_found for a contact the workspace does not have */
    public List<FactView> list(UUID contactId) {
        List<FactView> found = tx.execute(s -> {
            contacts.get(contactId);
            return facts.list(contactId);
        });
        return found == null ? List.of() : found;
    }

    /** A fact a person wrote. */
    public FactView create(UUID contactId, String text) {
        String fact = validated(text);
        UUID id = Ids.newId();
        return inTx(() -> {
            contacts.get(contactId);
            facts.lockContact(contactId);
            if (facts.findByText(contactId, fact).isPresent()) {
                throw ApiException.conflict("This contact already has that fact");
            }
            if (facts.count(contactId) >= maxFacts) {
                throw ApiException.conflict("This contact already has " + maxFacts
                        + " facts, the most a contact keeps; edit or delete one first");
            }
            facts.insert(id, contactId, fact, "user", null, null);
            return facts.find(contactId, id).orElseThrow();
        });
    }

    /** A person's correction: the fact becomes theirs. */
    public FactView update(UUID contactId, UUID factId, String text) {
        String fact = validated(text);
        return inTx(() -> {
            contacts.get(contactId);
            facts.lockContact(contactId);
            Optional<FactView> same = facts.findByText(contactId, fact);
            if (same.isPresent() && !same.get().id().equals(factId)) {
                throw ApiException.conflict("This contact already has that fact");
            }
            if (!facts.update(contactId, factId, fact, "user", null, null)) {
                throw ApiException.notFound("Fact");
            }
            return facts.find(contactId, factId).orElseThrow();
        });
    }

    public void delete(UUID contactId, UUID factId) {
        inTx(() -> {
            contacts.get(contactId);
            if (!facts.delete(contactId, factId)) {
                throw ApiException.notFound("Fact");
            }
            return true;
        });
    }

    // The memory tools. Each answers the model in a sentence, never throws for the model's mistakes, and commits on
    // its own: a fact remembered while answering stays remembered even if sending the answer fails later.

    String remember(UUID contactId, @Nullable UUID agentId, @Nullable UUID messageId, @Nullable String text) {
        String problem = problem(text);
        if (problem != null) {
            return "Not remembered: " + problem;
        }
        String fact = text.strip();
        return inTx(() -> {
            facts.lockContact(contactId);
            Optional<FactView> same = facts.findByText(contactId, fact);
            if (same.isPresent()) {
                return "Already known (fact_id " + same.get().id() + ")";
            }
            if (facts.count(contactId) >= maxFacts) {
                return "Not remembered: memory full (" + maxFacts + " facts). Call update_fact to replace a fact"
                        + " that matters less, or forget_fact to remove one, then remember this.";
            }
            UUID id = Ids.newId();
            try {
                facts.insert(id, contactId, fact, "agent", agentId, messageId);
            } catch (DuplicateKeyException e) {
                return "Already known";
            }
            return "Remembered (fact_id " + id + ")";
        });
    }

    String update(
            UUID contactId,
            @Nullable UUID agentId,
            @Nullable UUID messageId,
            @Nullable String factId,
            @Nullable String text) {
        UUID id = parse(factId);
        if (id == null) {
            return "Not updated: fact_id must be one of the ids listed in your instructions";
        }
        String problem = problem(text);
        if (problem != null) {
            return "Not updated: " + problem;
        }
        String fact = text.strip();
        return inTx(() -> {
            facts.lockContact(contactId);
            Optional<FactView> same = facts.findByText(contactId, fact);
            if (same.isPresent() && !same.get().id().equals(id)) {
                facts.delete(contactId, id); // the new text is already a fact: keep that one only
                return "Updated (it merged with fact_id " + same.get().id() + ")";
            }
            return facts.update(contactId, id, fact, "agent", agentId, messageId)
                    ? "Updated"
                    : "Not updated: there is no fact " + id + " about this customer";
        });
    }

    String forget(UUID contactId, @Nullable String factId) {
        UUID id = parse(factId);
        if (id == null) {
            return "Not forgotten: fact_id must be one of the ids listed in your instructions";
        }
        return inTx(() -> facts.delete(contactId, id) ? "Forgotten" : "Not forgotten: there is no fact " + id);
    }

    /** The contact's facts for a prompt (no contact check: the caller has the contact). */
    List<FactView> current(UUID contactId) {
        List<FactView> found = tx.execute(s -> facts.list(contactId));
        return found == null ? List.of() : found;
    }

    private static String validated(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw ApiException.validation("fact", problem);
        }
        return text.strip();
    }

    private static @Nullable String problem(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "the fact is empty";
        }
        if (text.strip().length() > MAX_LENGTH) {
            return "a fact is at most " + MAX_LENGTH + " characters";
        }
        if (CARD_NUMBER.matcher(text).find()) {
            return "it looks like a payment card number, which is never stored";
        }
        return null;
    }

    private static @Nullable UUID parse(@Nullable String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private <T> T inTx(java.util.function.Supplier<T> work) {
        T result = tx.execute(s -> work.get());
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return result;
    }
}
