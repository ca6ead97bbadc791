package com.whatsdex.contacts.domain;

import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactLimitReachedException;
import com.whatsdex.contacts.ContactRef;
import com.whatsdex.contacts.ContactsApi;
import com.whatsdex.contacts.domain.ContactCommands.BulkDeleteCmd;
import com.whatsdex.contacts.domain.ContactCommands.CreateContactCmd;
import com.whatsdex.contacts.domain.ContactCommands.UpdateContactCmd;
import com.whatsdex.shared.ApiErrorResponse.FieldError;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.tenancy.TenancyApi;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Contacts: the dashboard's use cases (list, search, edit, bulk delete, export) and what other modules ask of them.
 * Joins the caller's transaction, or opens a short one of its own.
 */
@Service
public class ContactService implements ContactsApi {

    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_NAME = 200;
    private static final int MAX_TAG = 50;
    private static final int MAX_ATTRIBUTE_KEY = 64;
    private static final int MAX_ATTRIBUTE_VALUE = 1000;

    private final ContactRepository contacts;
    private final ContactBatchService batches;
    private final AudienceRepository audiences;
    private final TenancyApi tenancy;
    private final TransactionTemplate tx;

    ContactService(
            ContactRepository contacts,
            ContactBatchService batches,
            AudienceRepository audiences,
            TenancyApi tenancy,
            PlatformTransactionManager txManager) {
        this.contacts = contacts;
        this.batches = batches;
        this.audiences = audiences;
        this.tenancy = tenancy;
        this.tx = new TransactionTemplate(txManager);
    }

    // ---- ContactsApi ---------------------------------------------------------------------------------------

    // one contact through the batch statements: one definition of creating senders and of interaction times

    @Override
    public ContactRef findOrCreateByPhone(String e164, @Nullable String profileName) {
        return batches.findOrCreateSenders(List.of(new ContactBatchApi.Sender(e164, profileName, null, null)))
                .get(e164);
    }

    @Override
    public void recordInbound(UUID contactId, UUID channelId, Instant at) {
        // the inbound path's own statement (WebhookIngest stores senders this way): one set of interaction rules
        ContactRef contact = batches.getAll(List.of(contactId)).get(contactId);
        if (contact != null) {
            batches.findOrCreateSenders(List.of(new ContactBatchApi.Sender(contact.phone(), null, channelId, at)));
        }
    }

    @Override
    public void recordOutbound(UUID contactId, UUID channelId, Instant at) {
        batches.recordOutbound(Map.of(contactId, channelId), at);
    }

    @Override
    public void setOptedOut(UUID contactId, boolean optedOut, Instant at) {
        tx.executeWithoutResult(s -> contacts.setOptedOut(contactId, optedOut, at));
    }

    @Override
    public ContactRef get(UUID id) {
        return findById(id).orElseThrow(() -> ApiException.notFound("Contact"));
    }

    @Override
    public java.util.Optional<ContactRef> findById(UUID id) {
        return inTx(() -> contacts.find(id));
    }

    /** The custom attribute keys the workspace's contacts use (at most 500), for variable helpers. */
    public List<String> attributeKeys() {
        return inTx(contacts::attributeKeys);
    }

    @Override
    public List<UUID> searchIds(String search, int limit) {
        List<ContactRepository.Listed> rows = inTx(() -> contacts.list(
                FilterSql.of(ContactFilter.of(search, null), this::defaultCountry),
                ContactSort.last_interaction_at,
                null,
                limit));
        return rows.stream().map(r -> r.contact().id()).toList();
    }

    @Override
    public long count() {
        return inTx(contacts::total);
    }

    @Override
    public long remainingCapacity() {
        long limit = tenancy.currentWorkspace().limits().contacts();
        return Math.max(0, limit - count());
    }

    @Override
    public void requireWithinPlan() {
        long limit = tenancy.currentWorkspace().limits().contacts();
        if (count() > limit) {
            throw new ContactLimitReachedException(limit);
        }
    }

    @Override
    public long countAudience(UUID audienceId) {
        return count(audience(audienceId).filter().toContactFilter());
    }

    @Override
    public List<ContactRef> audienceBatch(@Nullable UUID audienceId, @Nullable UUID afterId, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10000");
        }
        ContactFilter filter = audienceId == null
                ? ContactFilter.everyone()
                : audience(audienceId).filter().toContactFilter();
        return inTx(() -> contacts.refsAfter(FilterSql.of(filter, this::defaultCountry), afterId, limit));
    }

    @Override
    public List<ContactRef> taggedBatch(List<String> tags, boolean matchAll, @Nullable UUID afterId, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10000");
        }
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("name at least one tag");
        }
        ContactFilter filter = new ContactFilter(
                null, List.copyOf(tags), matchAll ? ContactFilter.TagMatch.all : ContactFilter.TagMatch.any, false);
        return inTx(() -> contacts.refsAfter(FilterSql.of(filter, this::defaultCountry), afterId, limit));
    }

    private Audience audience(UUID id) {
        return inTx(() -> audiences.find(id)).orElseThrow(() -> ApiException.notFound("Audience"));
    }

    // ---- the dashboard's use cases -------------------------------------------------------------------------

    public PageResponse<Contact> list(
            ContactFilter filter, ContactSort sort, @Nullable Integer limit, @Nullable String cursor) {
        int n = Cursors.limit(limit);
        ContactRepository.Keyset after = keyset(sort, Cursors.decode(cursor));
        // one transaction: the workspace's country (for a phone search) is read in it
        List<ContactRepository.Listed> rows =
                inTx(() -> contacts.list(FilterSql.of(filter, this::defaultCountry), sort, after, n + 1));
        PageResponse<ContactRepository.Listed> page = Cursors.page(rows, n, row -> cursorKey(sort, row));
        return new PageResponse<>(
                page.items().stream().map(ContactRepository.Listed::contact).toList(), page.nextCursor());
    }

    public long count(ContactFilter filter) {
        return inTx(() -> contacts.count(FilterSql.of(filter, this::defaultCountry)));
    }

    public Contact getContact(UUID id) {
        return inTx(() -> contacts.findContact(id)).orElseThrow(() -> ApiException.notFound("Contact"));
    }

    public Contact create(CreateContactCmd cmd) {
        UUID tenantId = TenantContext.requireTenantId();
        ContactFields fields = validate(
                cmd.phone(),
                cmd.name(),
                cmd.email(),
                cmd.tags(),
                cmd.attributes(),
                Boolean.TRUE.equals(cmd.optedOut()));
        UUID id = Ids.newId();
        try {
            tx.executeWithoutResult(s -> {
                long limit = tenancy.currentWorkspace().limits().contacts();
                if (contacts.lockAndCount(tenantId) >= limit) {
                    throw new ContactLimitReachedException(limit);
                }
                contacts.insert(tenantId, id, fields);
            });
        } catch (DuplicateKeyException e) {
            throw duplicatePhone(fields.phone());
        }
        return getContact(id);
    }

    public Contact update(UUID id, UpdateContactCmd cmd) {
        try {
            tx.executeWithoutResult(s -> {
                Contact current = contacts.findContact(id).orElseThrow(() -> ApiException.notFound("Contact"));
                // an unchanged phone is not parsed again: contacts created by webhooks may hold numbers that
                // libphonenumber does not know, and editing their name must still work
                ContactFields fields = validate(
                        cmd.phone(),
                        cmd.name() == null ? current.name() : cmd.name(),
                        cmd.email() == null ? current.email() : cmd.email(),
                        cmd.tags() == null ? current.tags() : cmd.tags(),
                        cmd.attributes() == null ? current.attributes() : cmd.attributes(),
                        cmd.optedOut() == null ? current.optedOut() : cmd.optedOut());
                if (cmd.phone() == null) {
                    fields = new ContactFields(
                            fields.name(),
                            current.phone(),
                            current.rawPhone(),
                            fields.email(),
                            fields.tags(),
                            fields.attributes(),
                            fields.optedOut());
                }
                contacts.update(id, fields);
            });
        } catch (DuplicateKeyException e) {
            String phone = PhoneNumbers.parse(cmd.phone() == null ? "" : cmd.phone(), defaultCountry())
                            instanceof PhoneNumbers.Parsed.Valid v
                    ? v.e164()
                    : "";
            throw duplicatePhone(phone);
        }
        return getContact(id);
    }

    public void delete(UUID id) {
        Integer deleted = tx.execute(s -> contacts.delete(id));
        if (deleted == null || deleted == 0) {
            throw ApiException.notFound("Contact");
        }
    }

    /** Deletes a selection or everything matching a filter; answers how many were deleted. */
    public long bulkDelete(BulkDeleteCmd cmd) {
        if ((cmd.ids() == null) == (cmd.filter() == null)) {
            throw ApiException.validation("ids", "give either ids or filter");
        }
        if (cmd.ids() != null) {
            List<UUID> ids = cmd.ids().stream().distinct().toList();
            return inTx(() -> contacts.deleteIds(ids));
        }
        ContactFilter filter =
                ContactFilter.of(cmd.filter().search(), cmd.filter().tags());
        return inTx(() -> contacts.deleteMatching(FilterSql.of(filter, this::defaultCountry)));
    }

    /**
     * Streams the matching contacts to {@code sink} in list order, inside one read-only transaction, a database
     * fetch batch at a time (constant memory whatever the count).
     */
    public void export(ContactFilter filter, ContactSort sort, Consumer<Contact> sink) {
        TransactionTemplate readOnly = new TransactionTemplate(tx.getTransactionManager());
        readOnly.setReadOnly(true);
        readOnly.executeWithoutResult(s -> contacts.stream(FilterSql.of(filter, this::defaultCountry), sort, sink));
    }

    // ---- rules ---------------------------------------------------------------------------------------------

    private ContactFields validate(
            @Nullable String rawPhone,
            @Nullable String name,
            @Nullable String email,
            @Nullable List<String> tags,
            @Nullable Map<String, String> attributes,
            boolean optedOut) {
        List<FieldError> errors = new ArrayList<>();
        String phone = rawPhone == null ? "" : rawPhone.strip();
        if (rawPhone != null) {
            switch (PhoneNumbers.parse(phone, defaultCountry())) {
                case PhoneNumbers.Parsed.Valid v -> phone = v.e164();
                case PhoneNumbers.Parsed.Invalid invalid -> errors.add(new FieldError("phone", invalid.reason()));
            }
        }
        List<String> cleanTags = new ArrayList<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            String t = tag == null ? "" : tag.strip();
            if (t.isEmpty() || t.length() > MAX_TAG) {
                errors.add(new FieldError("tags", "each tag must be 1 to " + MAX_TAG + " characters"));
                break;
            }
            if (!cleanTags.contains(t)) {
                cleanTags.add(t);
            }
        }
        Map<String, String> cleanAttributes = new LinkedHashMap<>();
        if (attributes != null) {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                String key = e.getKey() == null ? "" : e.getKey().strip();
                if (key.isEmpty() || key.length() > MAX_ATTRIBUTE_KEY) {
                    errors.add(
                            new FieldError("attributes", "each key must be 1 to " + MAX_ATTRIBUTE_KEY + " characters"));
                    break;
                }
                if (e.getValue() == null || e.getValue().length() > MAX_ATTRIBUTE_VALUE) {
                    errors.add(new FieldError(
                            "attributes." + key, "must be text of at most " + MAX_ATTRIBUTE_VALUE + " characters"));
                    break;
                }
                cleanAttributes.put(key, e.getValue());
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", errors);
        }
        return new ContactFields(
                blankToNull(name),
                phone,
                rawPhone == null ? null : rawPhone.strip(),
                blankToNull(email),
                List.copyOf(cleanTags),
                cleanAttributes,
                optedOut);
    }

    private ApiException duplicatePhone(String phone) {
        UUID existing = inTx(() -> contacts.findIdByPhone(phone)).orElse(null);
        List<FieldError> details = new ArrayList<>();
        details.add(new FieldError("phone", "another contact has this phone number"));
        if (existing != null) {
            details.add(new FieldError("existingContactId", existing.toString()));
        }
        return new ApiException(
                HttpStatus.CONFLICT, "duplicate_phone", "A contact with this phone number already exists", details);
    }

    private String defaultCountry() {
        return tenancy.currentWorkspace().defaultCountry();
    }

    private static String cursorKey(ContactSort sort, ContactRepository.Listed row) {
        Contact c = row.contact();
        String key = switch (sort) {
            case created_at -> c.createdAt().toString();
            case name -> row.sortName();
            case last_interaction_at ->
                c.lastInteractionAt() == null
                        ? "-infinity"
                        : c.lastInteractionAt().toString();
        };
        return sort.name() + "|" + c.id() + "|" + key;
    }

    private static ContactRepository.@Nullable Keyset keyset(ContactSort sort, @Nullable String key) {
        if (key == null) {
            return null;
        }
        String[] parts = key.split("\\|", 3);
        try {
            if (parts.length != 3 || !parts[0].equals(sort.name())) {
                throw new IllegalArgumentException("cursor of another sort");
            }
            UUID id = UUID.fromString(parts[1]);
            if (sort != ContactSort.name && !parts[2].equals("-infinity")) {
                Instant.parse(parts[2]);
            }
            return new ContactRepository.Keyset(parts[2], id);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiException.validation("cursor", "is not a cursor this API returned for this sort");
        }
    }

    private <T> T inTx(Supplier<T> work) {
        T result = tx.execute(s -> work.get());
        if (result == null) {
            throw new IllegalStateException("A contact query returned nothing");
        }
        return result;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String truncate(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
