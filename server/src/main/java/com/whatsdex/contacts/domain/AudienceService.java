package com.whatsdex.contacts.domain;

import com.whatsdex.shared.ApiErrorResponse.FieldError;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Audiences: saved contact filters, each answered with its live count. */
@Service
public class AudienceService {

    public record SaveAudienceCmd(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            @NotNull(message = "is required") @Valid AudienceFilter filter) {}

    /** An audience with how many contacts it means right now. */
    public record Counted(Audience audience, long count) {}

    private final AudienceRepository audiences;
    private final ContactService contacts;
    private final TransactionTemplate tx;

    AudienceService(AudienceRepository audiences, ContactService contacts, PlatformTransactionManager txManager) {
        this.audiences = audiences;
        this.contacts = contacts;
        this.tx = new TransactionTemplate(txManager);
    }

    public List<Counted> list() {
        List<Audience> all = tx.execute(s -> audiences.list());
        return all == null ? List.of() : all.stream().map(this::counted).toList();
    }

    public Counted get(UUID id) {
        return counted(find(id));
    }

    public long count(UUID id) {
        return contacts.count(find(id).filter().toContactFilter());
    }

    public long previewCount(AudienceFilter filter) {
        return contacts.count(normalise(filter).toContactFilter());
    }

    public Counted create(SaveAudienceCmd cmd) {
        UUID tenantId = TenantContext.requireTenantId();
        UUID id = Ids.newId();
        AudienceFilter filter = normalise(cmd.filter());
        try {
            tx.executeWithoutResult(
                    s -> audiences.insert(tenantId, id, cmd.name().strip(), filter));
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        return get(id);
    }

    public Counted update(UUID id, SaveAudienceCmd cmd) {
        AudienceFilter filter = normalise(cmd.filter());
        Integer updated;
        try {
            updated = tx.execute(s -> audiences.update(id, cmd.name().strip(), filter));
        } catch (DuplicateKeyException e) {
            throw duplicateName();
        }
        if (updated == null || updated == 0) {
            throw ApiException.notFound("Audience");
        }
        return get(id);
    }

    public void delete(UUID id) {
        Integer deleted = tx.execute(s -> audiences.delete(id));
        if (deleted == null || deleted == 0) {
            throw ApiException.notFound("Audience");
        }
    }

    private Audience find(UUID id) {
        Audience audience = tx.execute(s -> audiences.find(id).orElse(null));
        if (audience == null) {
            throw ApiException.notFound("Audience");
        }
        return audience;
    }

    private Counted counted(Audience audience) {
        return new Counted(audience, contacts.count(audience.filter().toContactFilter()));
    }

    private static AudienceFilter normalise(AudienceFilter f) {
        ContactFilter c = f.toContactFilter(); // strips and de-duplicates
        for (String tag : c.tags()) {
            if (tag.length() > 50) {
                throw ApiException.validation("filter.tags", "each tag must be 1 to 50 characters");
            }
        }
        return new AudienceFilter(c.tags(), c.match(), c.optedInOnly(), c.search());
    }

    private static ApiException duplicateName() {
        return new ApiException(
                HttpStatus.CONFLICT,
                "conflict",
                "An audience with this name already exists",
                List.of(new FieldError("name", "is already used by another audience")));
    }
}
