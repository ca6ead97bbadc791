package com.whatsdex.templates.domain;

import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.templates.MessageBody;
import com.whatsdex.templates.TemplateUsage;
import com.whatsdex.templates.TemplateView;
import com.whatsdex.templates.TemplatesApi;
import com.whatsdex.templates.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Templates: validation (every body and parameter must parse), storage, and previews for a contact. */
@Service
public class TemplateService implements TemplatesApi {

    /** What the dashboard's editor sends. */
    public record TemplateFields(
            String name,
            TemplateView.Category category,
            String body,
            TemplateView.@Nullable Media media,
            TemplateView.@Nullable Meta meta) {}

    /**
     * A body rendered for one contact.
     *
     * @param missing variables the contact has no value for (they rendered their default, or nothing)
     */
    public record Preview(String text, List<String> variables, List<String> missing, boolean spins) {}

    private final TemplateRepository templates;
    private final ContactBatchApi contacts;
    private final TransactionTemplate tx;
    private final ObjectProvider<TemplateUsage> usages;

    TemplateService(
            TemplateRepository templates,
            ContactBatchApi contacts,
            PlatformTransactionManager txManager,
            ObjectProvider<TemplateUsage> usages) {
        this.templates = templates;
        this.contacts = contacts;
        this.tx = new TransactionTemplate(txManager);
        this.usages = usages;
    }

    @Override
    public TemplateView get(UUID id) {
        TemplateView found = tx.execute(s -> templates.find(id).orElse(null));
        if (found == null) {
            throw ApiException.notFound("Template");
        }
        return found;
    }

    public PageResponse<TemplateView> list(
            @Nullable String search,
            TemplateView.@Nullable Category category,
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
        String term = search == null || search.isBlank() ? null : search.strip();
        List<TemplateView> rows = inTx(() -> templates.list(term, category, before, n + 1));
        return Cursors.page(rows, n, t -> t.id().toString());
    }

    public TemplateView create(TemplateFields fields) {
        TemplateRepository.Fields f = validated(fields);
        UUID id = Ids.newId();
        tx.executeWithoutResult(s -> {
            requireFreeName(f.name(), null);
            templates.insert(id, f);
        });
        return get(id);
    }

    public TemplateView update(UUID id, TemplateFields fields) {
        TemplateRepository.Fields f = validated(fields);
        tx.executeWithoutResult(s -> {
            requireFreeName(f.name(), id);
            if (!templates.update(id, f)) {
                throw ApiException.notFound("Template");
            }
        });
        return get(id);
    }

    /** A copy named "… (copy)", "… (copy 2)" … */
    public TemplateView duplicate(UUID id) {
        TemplateView original = get(id);
        UUID copy = Ids.newId();
        tx.executeWithoutResult(s -> {
            String name = null;
            for (int i = 1; name == null || templates.nameTaken(name, null); i++) {
                String suffix = i == 1 ? " (copy)" : " (copy " + i + ")";
                String base = original.name();
                name = (base.length() + suffix.length() > 100 ? base.substring(0, 100 - suffix.length()) : base)
                        + suffix;
            }
            templates.insert(
                    copy,
                    new TemplateRepository.Fields(
                            name, original.category(), original.body(), original.media(), original.meta()));
        });
        return get(copy);
    }

    public void delete(UUID id) {
        for (TemplateUsage usage : usages.orderedStream().toList()) {
            String inUse = usage.inUse(id);
            if (inUse != null) {
                throw ApiException.conflict(inUse);
            }
        }
        if (!Boolean.TRUE.equals(tx.execute(s -> templates.delete(id)))) {
            throw ApiException.notFound("Template");
        }
    }

    /** Renders {@code body} for a contact (or for nobody: every variable takes its default). */
    public Preview preview(String body, @Nullable UUID contactId, @Nullable Long seed) {
        MessageBody parsed = MessageBody.parse(body, "body");
        Map<String, String> values = Map.of();
        if (contactId != null) {
            ContactBatchApi.ContactFields c =
                    contacts.fieldsOf(List.of(contactId)).get(contactId);
            if (c == null) {
                throw ApiException.notFound("Contact");
            }
            values = Variables.of(c.name(), c.phone(), c.email(), c.attributes());
        }
        List<String> missing = new ArrayList<>();
        for (String v : parsed.variables()) {
            String value = values.get(v);
            if (value == null || value.isBlank()) {
                missing.add(v);
            }
        }
        long s = seed != null ? seed : Variables.seed("preview", contactId);
        return new Preview(parsed.render(values, s), List.copyOf(parsed.variables()), missing, parsed.spins());
    }

    private void requireFreeName(String name, @Nullable UUID except) {
        if (templates.nameTaken(name, except)) {
            throw new ApiException(
                    HttpStatus.CONFLICT, "duplicate_name", "A template named \"" + name + "\" already exists");
        }
    }

    private static TemplateRepository.Fields validated(TemplateFields f) {
        MessageBody.parse(f.body(), "body");
        TemplateView.Meta meta = f.meta();
        if (meta != null) {
            for (int i = 0; i < meta.parameters().size(); i++) {
                MessageBody.parse(meta.parameters().get(i), "meta.parameters[" + i + "]");
            }
        }
        return new TemplateRepository.Fields(f.name().strip(), f.category(), f.body(), f.media(), meta);
    }

    private <T> T inTx(Supplier<T> work) {
        T result = tx.execute(s -> work.get());
        if (result == null) {
            throw new IllegalStateException("A template query returned nothing");
        }
        return result;
    }
}
