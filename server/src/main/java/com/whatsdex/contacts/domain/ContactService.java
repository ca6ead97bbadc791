package com.whatsdex.contacts.domain;

import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Contacts as other modules use them. Joins the caller's transaction, or opens a short one of its own. */
@Service
class ContactService implements ContactsApi {

    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_NAME = 200;

    private final ContactRepository contacts;
    private final TransactionTemplate tx;

    ContactService(ContactRepository contacts, PlatformTransactionManager txManager) {
        this.contacts = contacts;
        this.tx = new TransactionTemplate(txManager);
    }

    @Override
    public ContactRef findOrCreateByPhone(String e164, @Nullable String profileName) {
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("Not an E.164 phone number: " + e164);
        }
        UUID tenantId = TenantContext.requireTenantId();
        String name = profileName == null || profileName.isBlank() ? null : truncate(profileName.strip());
        return inTx(() -> contacts.upsertByPhone(tenantId, Ids.newId(), e164, name));
    }

    @Override
    public void recordInbound(UUID contactId, UUID channelId, Instant at) {
        tx.executeWithoutResult(s -> contacts.recordInteraction(contactId, channelId, at, true));
    }

    @Override
    public void recordOutbound(UUID contactId, UUID channelId, Instant at) {
        tx.executeWithoutResult(s -> contacts.recordInteraction(contactId, channelId, at, false));
    }

    @Override
    public void setOptedOut(UUID contactId, boolean optedOut, Instant at) {
        tx.executeWithoutResult(s -> contacts.setOptedOut(contactId, optedOut, at));
    }

    @Override
    public ContactRef get(UUID id) {
        return inTx(() -> contacts.find(id)).orElseThrow(() -> ApiException.notFound("Contact"));
    }

    private <T> T inTx(Supplier<T> work) {
        T result = tx.execute(s -> work.get());
        if (result == null) {
            throw new IllegalStateException("A contact query returned nothing");
        }
        return result;
    }

    private static String truncate(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
