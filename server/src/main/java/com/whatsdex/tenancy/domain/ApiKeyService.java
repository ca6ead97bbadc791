package com.whatsdex.tenancy.domain;

import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.shared.Principals;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WorkspacePrincipal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API keys: shown once at creation, stored as a hash, listed by prefix, revoked by deletion. */
@Service
public class ApiKeyService {

    public record ApiKeyView(
            UUID id,
            String name,
            String prefix,
            Instant createdAt,
            @Nullable Instant lastUsedAt) {}

    public record CreatedApiKey(UUID id, String name, String prefix, String key, Instant createdAt) {

        @Override
        public String toString() { // Spring logs response bodies at TRACE: the key is shown once, to its creator
            return "CreatedApiKey[id=" + id + ", name=" + name + ", prefix=" + prefix + ", key=[redacted], createdAt="
                    + createdAt + "]";
        }
    }

    private final ApiKeyRepository keys;

    ApiKeyService(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Transactional(readOnly = true)
    public PageResponse<ApiKeyView> list(@Nullable String cursor, int limit) {
        Principals.requireManager("see API keys");
        String after = Cursors.decode(cursor);
        UUID afterId;
        try {
            afterId = after == null ? null : UUID.fromString(after);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "is not a cursor this API returned");
        }
        List<ApiKeyView> rows = keys.list(afterId, limit + 1).stream()
                .map(k -> new ApiKeyView(k.id(), k.name(), k.prefix(), k.createdAt(), k.lastUsedAt()))
                .toList();
        return Cursors.page(rows, limit, k -> k.id().toString());
    }

    @Transactional
    public CreatedApiKey create(String name) {
        WorkspacePrincipal actor = Principals.requireManager("create API keys");
        UUID tenantId = TenantContext.requireTenantId();
        UUID id = Ids.newId();
        String key = Tokens.apiKey(tenantId);
        String prefix = Tokens.displayPrefix(key);
        keys.insert(tenantId, id, name.trim(), prefix, Tokens.hash(key), actor.userId());
        return new CreatedApiKey(id, name.trim(), prefix, key, Instant.now());
    }

    @Transactional
    public void revoke(UUID id) {
        Principals.requireManager("revoke API keys");
        if (!keys.delete(id)) {
            throw ApiException.notFound("API key");
        }
    }
}
