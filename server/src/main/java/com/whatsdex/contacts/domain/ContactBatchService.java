package com.whatsdex.contacts.domain;

import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.shared.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class ContactBatchService implements ContactBatchApi {

    private final ContactBatchRepository contacts;
    private final TransactionTemplate tx;

    ContactBatchService(ContactBatchRepository contacts, PlatformTransactionManager txManager) {
        this.contacts = contacts;
        this.tx = new TransactionTemplate(txManager);
    }

    @Override
    public Map<String, ContactRef> findOrCreateByPhones(Collection<String> e164s) {
        Set<String> phones = new LinkedHashSet<>(e164s);
        for (String phone : phones) {
            if (!ContactService.E164.matcher(phone).matches()) {
                throw new IllegalArgumentException("Not an E.164 phone number: " + phone);
            }
        }
        if (phones.isEmpty()) {
            return Map.of();
        }
        Map<String, ContactRef> found = new LinkedHashMap<>();
        tx.executeWithoutResult(s -> {
            contacts.findByPhones(phones).forEach(c -> found.put(c.phone(), c));
            List<String> missing =
                    phones.stream().filter(p -> !found.containsKey(p)).toList();
            if (missing.isEmpty()) {
                return;
            }
            contacts.commitWithoutWaitingForDisk(); // see ContactBatchApi#findOrCreateByPhones
            List<UUID> ids = new ArrayList<>(missing.size());
            missing.forEach(p -> ids.add(Ids.newId()));
            contacts.insertMissing(ids, missing).forEach(c -> found.put(c.phone(), c));
            if (found.size() < phones.size()) {
                // inserted by a concurrent transaction after our read: theirs is the contact
                List<String> raced =
                        phones.stream().filter(p -> !found.containsKey(p)).toList();
                contacts.findByPhones(raced).forEach(c -> found.put(c.phone(), c));
            }
        });
        return found;
    }

    @Override
    public Map<String, ContactRef> findOrCreateSenders(List<Sender> senders) {
        if (senders.isEmpty()) {
            return Map.of();
        }
        List<Sender> ordered = new ArrayList<>(senders);
        ordered.sort(Comparator.comparing(Sender::phone)); // locked in this order
        List<UUID> ids = new ArrayList<>(ordered.size());
        List<@Nullable String> names = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            Sender sender = ordered.get(i);
            if (!ContactService.E164.matcher(sender.phone()).matches()) {
                throw new IllegalArgumentException("Not an E.164 phone number: " + sender.phone());
            }
            if (i > 0 && ordered.get(i - 1).phone().equals(sender.phone())) {
                throw new IllegalArgumentException("A sender appears twice: " + sender.phone());
            }
            String name = sender.profileName();
            names.add(name == null || name.isBlank() ? null : ContactService.truncate(name.strip()));
            ids.add(Ids.newId());
        }
        Map<String, ContactRef> found = new LinkedHashMap<>();
        tx.executeWithoutResult(s -> contacts.upsertSenders(ids, ordered, names).forEach(c -> found.put(c.phone(), c)));
        return found;
    }

    @Override
    public Map<UUID, ContactRef> getAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, ContactRef> found = new LinkedHashMap<>();
        tx.executeWithoutResult(s -> contacts.findByIds(ids).forEach(c -> found.put(c.id(), c)));
        return found;
    }

    @Override
    public Map<UUID, ContactFields> fieldsOf(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, ContactFields> found = new LinkedHashMap<>();
        tx.executeWithoutResult(s -> contacts.fieldsOf(ids).forEach(c -> found.put(c.id(), c)));
        return found;
    }

    @Override
    public void recordOutbound(Map<UUID, UUID> channelByContact, Instant at) {
        if (!channelByContact.isEmpty()) {
            tx.executeWithoutResult(s -> contacts.recordOutbound(channelByContact, at));
        }
    }
}
