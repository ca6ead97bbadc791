package com.whatsdex.contacts.domain;

import com.whatsdex.contacts.ContactRef;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Contact rows, under the workspace's row-level security. */
@Repository
class ContactRepository {

    private static final String REF_COLUMNS = "id, phone, name, opted_out, last_channel_id, last_inbound_at";

    private static final String COLUMNS = """
            id, name, phone, raw_phone, email, tags, attributes::text as attributes, opted_out, opted_out_at,
            last_channel_id, last_interaction_at, last_inbound_at, created_at, updated_at""";
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    /** Rows per round trip when streaming an export: memory stays constant whatever the size. */
    private static final int EXPORT_FETCH_SIZE = 1_000;

    /** A listed contact with the sort keys its cursor is made of. */
    record Listed(Contact contact, String sortName) {}

    /** Where a keyset page starts: after the row with these sort keys. */
    record Keyset(String key, UUID id) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ContactRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ---- the plan limit ------------------------------------------------------------------------------------

    /**
     * The workspace's contact count, its counter row locked until the transaction ends: creates in one workspace
     * are serialised on it, so none can pass the plan's limit. Triggers keep the counter (V9).
     */
    long lockAndCount(UUID tenantId) {
        jdbc.sql("insert into contact_counts (tenant_id) values (:tenant) on conflict do nothing")
                .param("tenant", tenantId)
                .update();
        return jdbc.sql("select total from contact_counts for update")
                .query(Long.class)
                .single();
    }

    /** The custom attribute keys in use (V14 keeps them), in name order. */
    List<String> attributeKeys() {
        return jdbc.sql("select key from contact_attribute_keys order by key limit 500")
                .query(String.class)
                .list();
    }

    long total() {
        return jdbc.sql("select total from contact_counts")
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    // ---- single contacts -----------------------------------------------------------------------------------

    void insert(UUID tenantId, UUID id, ContactFields f) {
        jdbc.sql("""
                insert into contacts (tenant_id, id, name, phone, raw_phone, email, tags, attributes, opted_out,
                                      opted_out_at)
                values (:tenant, :id, :name, :phone, :rawPhone, :email, cast(:tags as text[]),
                        cast(:attributes as jsonb), :optedOut, case when :optedOut then now() end)
                """)
                .param("tenant", tenantId)
                .param("id", id)
                .param("name", f.name())
                .param("phone", f.phone())
                .param("rawPhone", f.rawPhone())
                .param("email", f.email())
                .param("tags", f.tags().toArray(String[]::new))
                .param("attributes", json.writeValueAsString(f.attributes()))
                .param("optedOut", f.optedOut())
                .update();
    }

    /** Replaces the editable fields; opted_out_at moves only when the flag changes. */
    void update(UUID id, ContactFields f) {
        jdbc.sql("""
                update contacts set name = :name, phone = :phone, raw_phone = :rawPhone, email = :email,
                                    tags = cast(:tags as text[]), attributes = cast(:attributes as jsonb),
                                    opted_out_at = case when :optedOut = opted_out then opted_out_at
                                                        when :optedOut then now() end,
                                    opted_out = :optedOut, updated_at = now()
                where id = :id
                """)
                .param("id", id)
                .param("name", f.name())
                .param("phone", f.phone())
                .param("rawPhone", f.rawPhone())
                .param("email", f.email())
                .param("tags", f.tags().toArray(String[]::new))
                .param("attributes", json.writeValueAsString(f.attributes()))
                .param("optedOut", f.optedOut())
                .update();
    }

    Optional<Contact> findContact(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from contacts where id = :id")
                .param("id", id)
                .query(this::mapContact)
                .optional();
    }

    Optional<UUID> findIdByPhone(String phone) {
        return jdbc.sql("select id from contacts where phone = :phone")
                .param("phone", phone)
                .query(UUID.class)
                .optional();
    }

    int delete(UUID id) {
        return jdbc.sql("delete from contacts where id = :id").param("id", id).update();
    }

    int deleteIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("delete from contacts where id = any(:ids)")
                .param("ids", ids.toArray(UUID[]::new))
                .update();
    }

    int deleteMatching(FilterSql filter) {
        return jdbc.sql("delete from contacts where " + filter.where())
                .params(filter.params())
                .update();
    }

    // ---- lists ---------------------------------------------------------------------------------------------

    /** One keyset page (ask for {@code limit + 1} to learn whether there is a next one). */
    List<Listed> list(FilterSql filter, ContactSort sort, @Nullable Keyset after, int limit) {
        Map<String, Object> params = new LinkedHashMap<>(filter.params());
        String keyset = "true";
        if (after != null) {
            params.put("afterKey", after.key());
            params.put("afterId", after.id());
            keyset = switch (sort) {
                case created_at -> "(created_at, id) < (cast(:afterKey as timestamptz), :afterId)";
                case name -> "(sort_name, id) > (cast(:afterKey as text) collate \"C\", :afterId)";
                case last_interaction_at -> "(interaction_key, id) < (cast(:afterKey as timestamptz), :afterId)";
            };
        }
        params.put("limit", limit);
        if (filter.searches()) {
            // planned for its own values each time: a search matching a few hundred contacts fetches and sorts them
            // (4 ms at 1,000,000 contacts), one matching tens of thousands walks the sort order's index until the
            // page is full (3 - 5 ms); a cached generic plan does one of the two for every search, and walking for
            // a rare name took 62 ms
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        }
        return jdbc.sql("select " + COLUMNS + ", sort_name from contacts where " + filter.where() + " and " + keyset
                        + " order by " + orderBy(sort) + " limit :limit")
                .params(params)
                .query((rs, row) -> new Listed(mapContact(rs, row), rs.getString("sort_name")))
                .list();
    }

    /** Streams every matching contact in list order, a fetch-size batch at a time. */
    void stream(FilterSql filter, ContactSort sort, Consumer<Contact> sink) {
        jdbc.sql("select " + COLUMNS + " from contacts where " + filter.where() + " order by " + orderBy(sort))
                .params(filter.params())
                .withFetchSize(EXPORT_FETCH_SIZE)
                .query(rs -> {
                    sink.accept(mapContact(rs, 0));
                });
    }

    long count(FilterSql filter) {
        return jdbc.sql("select count(*) from contacts where " + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    /** Matching contacts in id order after {@code afterId}: a batch of a keyset walk over an audience. */
    List<ContactRef> refsAfter(FilterSql filter, @Nullable UUID afterId, int limit) {
        return jdbc.sql("select " + REF_COLUMNS + " from contacts where " + filter.where()
                        + (afterId == null ? "" : " and id > :afterId") + " order by id limit :limit")
                .params(filter.params())
                .param("afterId", afterId)
                .param("limit", limit)
                .query(ContactRepository::map)
                .list();
    }

    private static String orderBy(ContactSort sort) {
        return switch (sort) {
            case created_at -> "created_at desc, id desc";
            case name -> "sort_name, id";
            case last_interaction_at -> "interaction_key desc, id desc";
        };
    }

    private Contact mapContact(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        String attributes = rs.getString("attributes");
        return new Contact(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("phone"),
                rs.getString("raw_phone"),
                rs.getString("email"),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                attributes == null ? Map.of() : json.readValue(attributes, STRING_MAP),
                rs.getBoolean("opted_out"),
                instant(rs, "opted_out_at"),
                rs.getObject("last_channel_id", UUID.class),
                instant(rs, "last_interaction_at"),
                instant(rs, "last_inbound_at"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    void setOptedOut(UUID contactId, boolean optedOut, Instant at) {
        jdbc.sql("""
                update contacts set opted_out = :optedOut,
                                    opted_out_at = case when :optedOut then cast(:at as timestamptz) end,
                                    updated_at = now()
                where id = :id and opted_out <> :optedOut
                """)
                .param("id", contactId)
                .param("optedOut", optedOut)
                .param("at", Timestamp.from(at))
                .update();
    }

    Optional<ContactRef> find(UUID id) {
        return jdbc.sql("select " + REF_COLUMNS + " from contacts where id = :id")
                .param("id", id)
                .query(ContactRepository::map)
                .optional();
    }

    private static ContactRef map(ResultSet rs, int row) throws SQLException {
        Timestamp lastInbound = rs.getTimestamp("last_inbound_at");
        return new ContactRef(
                rs.getObject("id", UUID.class),
                rs.getString("phone"),
                rs.getString("name"),
                rs.getBoolean("opted_out"),
                rs.getObject("last_channel_id", UUID.class),
                lastInbound == null ? null : lastInbound.toInstant());
    }
}
