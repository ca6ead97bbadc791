package com.whatsdex.channels.domain;

import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.ChannelStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Channel rows (under the workspace's row-level security) and their platform-level routes. */
@Repository
class ChannelRepository {

    private static final String COLUMNS = """
            tenant_id, id, name, provider, status, status_reason, phone_number_id, waba_id, display_phone_number,
            graph_base_url, access_token, app_secret, verify_token, rate_per_second, settings::text as settings,
            created_at, updated_at
            """;

    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises channel creation within a workspace until the transaction ends, so two concurrent creates cannot
     * both pass the plan's channel limit. An advisory lock rather than a row lock on the workspace, which would
     * also block unrelated workspace updates.
     */
    void lockChannelsOf(UUID tenantId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('channels:' || :tenant, 0))")
                .param("tenant", tenantId.toString())
                .query()
                .singleValue();
    }

    int count() {
        return jdbc.sql("select count(*) from channels").query(Integer.class).single();
    }

    void insert(ChannelRecord c) {
        jdbc.sql("""
                insert into channels (tenant_id, id, name, provider, status, status_reason, phone_number_id, waba_id,
                                      display_phone_number, graph_base_url, access_token, app_secret, verify_token,
                                      rate_per_second, settings)
                values (:tenant, :id, :name, :provider, :status, :reason, :phoneNumberId, :wabaId, :display,
                        :graph, :accessToken, :appSecret, :verifyToken, :rate, cast(:settings as jsonb))
                """)
                .param("tenant", c.tenantId())
                .param("id", c.id())
                .param("name", c.name())
                .param("provider", c.provider().name())
                .param("status", c.status().name())
                .param("reason", c.statusReason())
                .param("phoneNumberId", c.phoneNumberId())
                .param("wabaId", c.wabaId())
                .param("display", c.displayPhoneNumber())
                .param("graph", c.graphBaseUrl())
                .param("accessToken", c.sealedAccessToken())
                .param("appSecret", c.sealedAppSecret())
                .param("verifyToken", c.sealedVerifyToken())
                .param("rate", c.ratePerSecond())
                .param("settings", c.settingsJson())
                .update();
        jdbc.sql("insert into channel_routes (channel_id, tenant_id) values (:id, :tenant)")
                .param("id", c.id())
                .param("tenant", c.tenantId())
                .update();
    }

    Optional<ChannelRecord> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from channels where id = :id")
                .param("id", id)
                .query(ChannelRepository::map)
                .optional();
    }

    List<ChannelRecord> list() {
        return jdbc.sql("select " + COLUMNS + " from channels order by created_at, id")
                .query(ChannelRepository::map)
                .list();
    }

    List<ChannelRecord> listByProvider(ChannelProvider provider) {
        return jdbc.sql("select " + COLUMNS + " from channels where provider = :provider order by created_at, id")
                .param("provider", provider.name())
                .query(ChannelRepository::map)
                .list();
    }

    /** @return whether the status or its reason actually changed (so an event is due) */
    boolean updateStatus(UUID id, ChannelStatus status, @Nullable String reason) {
        return jdbc.sql("""
                        update channels set status = :status, status_reason = :reason, updated_at = now()
                        where id = :id and (status, status_reason) is distinct from (cast(:status as text), cast(:reason as text))
                        """)
                        .param("id", id)
                        .param("status", status.name())
                        .param("reason", reason)
                        .update()
                == 1;
    }

    void updateGraphBaseUrl(UUID id, String graphBaseUrl) {
        jdbc.sql("update channels set graph_base_url = :graph, updated_at = now() where id = :id")
                .param("id", id)
                .param("graph", graphBaseUrl)
                .update();
    }

    /** Fills in the display number Meta reports, unless the owner set one. */
    void fillDisplayPhoneNumber(UUID id, String display) {
        jdbc.sql("""
                update channels set display_phone_number = :display, updated_at = now()
                where id = :id and display_phone_number is null
                """).param("id", id).param("display", display).update();
    }

    /** Null arguments keep the stored value. */
    boolean update(
            UUID id,
            @Nullable String name,
            @Nullable Integer ratePerSecond,
            @Nullable String wabaId,
            @Nullable String graphBaseUrl,
            @Nullable String sealedAccessToken,
            @Nullable String sealedAppSecret,
            @Nullable String sealedVerifyToken,
            @Nullable String settingsJson) {
        return jdbc.sql("""
                        update channels set
                            name = coalesce(:name, name),
                            rate_per_second = coalesce(:rate, rate_per_second),
                            waba_id = coalesce(:wabaId, waba_id),
                            graph_base_url = coalesce(:graph, graph_base_url),
                            access_token = coalesce(:accessToken, access_token),
                            app_secret = coalesce(:appSecret, app_secret),
                            verify_token = coalesce(:verifyToken, verify_token),
                            settings = coalesce(cast(:settings as jsonb), settings),
                            updated_at = now()
                        where id = :id
                        """)
                        .param("id", id)
                        .param("name", name)
                        .param("rate", ratePerSecond)
                        .param("wabaId", wabaId)
                        .param("graph", graphBaseUrl)
                        .param("accessToken", sealedAccessToken)
                        .param("appSecret", sealedAppSecret)
                        .param("verifyToken", sealedVerifyToken)
                        .param("settings", settingsJson)
                        .update()
                == 1;
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from channels where id = :id").param("id", id).update() == 1;
    }

    /** Platform lookup, no workspace needed: {@code channel_routes} has no row-level security. */
    Optional<UUID> tenantOf(UUID channelId) {
        return jdbc.sql("select tenant_id from channel_routes where channel_id = :id")
                .param("id", channelId)
                .query(UUID.class)
                .optional();
    }

    /** Platform lookup for start-up sweeps: every workspace that has at least one channel. */
    List<UUID> tenantsWithChannels() {
        return jdbc.sql("select distinct tenant_id from channel_routes")
                .query(UUID.class)
                .list();
    }

    private static ChannelRecord map(ResultSet rs, int row) throws SQLException {
        return new ChannelRecord(
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                ChannelProvider.valueOf(rs.getString("provider")),
                ChannelStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getString("phone_number_id"),
                rs.getString("waba_id"),
                rs.getString("display_phone_number"),
                rs.getString("graph_base_url"),
                rs.getString("access_token"),
                rs.getString("app_secret"),
                rs.getString("verify_token"),
                rs.getInt("rate_per_second"),
                rs.getString("settings"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
