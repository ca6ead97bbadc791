package com.whatsdex.agents.domain;

import com.whatsdex.agents.AgentView;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agents and their channel bindings, under the workspace's row-level security. */
@Repository
class AgentRepository {

    private static final String COLUMNS = """
            a.id, a.name, a.instructions, a.model, a.temperature, a.max_reply_chars, a.reply_delay_seconds,
            a.handover_minutes, a.enabled, a.created_at, a.updated_at,
            array(select c.channel_id from agent_channels c where c.agent_id = a.id order by c.channel_id)
                as channel_ids""";

    /** What is stored of an agent besides its channels. */
    record Fields(
            String name,
            String instructions,
            @Nullable String model,
            double temperature,
            int maxReplyChars,
            int replyDelaySeconds,
            int handoverMinutes,
            boolean enabled) {}

    /** A channel bound to another agent than the one being saved. */
    record Binding(UUID channelId, UUID agentId, String agentName) {}

    private final JdbcClient jdbc;

    AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises creates of one workspace, so concurrent ones cannot overshoot the plan's agent limit. */
    void lockAgentsOf(UUID tenantId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('agents:' || cast(:tenant as text), 0))")
                .param("tenant", tenantId)
                .query((rs, n) -> 1)
                .list();
    }

    int count() {
        return jdbc.sql("select count(*) from agents").query(Integer.class).single();
    }

    void insert(UUID id, Fields f) {
        jdbc.sql("""
                insert into agents (tenant_id, id, name, instructions, model, temperature, max_reply_chars,
                    reply_delay_seconds, handover_minutes, enabled)
                values (current_tenant_id(), :id, :name, :instructions, :model, :temperature, :maxReplyChars,
                    :replyDelaySeconds, :handoverMinutes, :enabled)
                """).paramSource(params(f).addValue("id", id)).update();
    }

    boolean update(UUID id, Fields f) {
        return jdbc.sql("""
                        update agents set name = :name, instructions = :instructions, model = :model,
                            temperature = :temperature, max_reply_chars = :maxReplyChars,
                            reply_delay_seconds = :replyDelaySeconds, handover_minutes = :handoverMinutes,
                            enabled = :enabled, updated_at = now()
                        where id = :id
                        """).paramSource(params(f).addValue("id", id)).update() == 1;
    }

    /** Locks the agent's row for the rest of the transaction. */
    Optional<AgentView> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from agents a where a.id = :id for update")
                .param("id", id)
                .query(AgentRepository::map)
                .optional();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from agents where id = :id").param("id", id).update() == 1;
    }

    Optional<AgentView> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from agents a where a.id = :id")
                .param("id", id)
                .query(AgentRepository::map)
                .optional();
    }

    /** Every agent of the workspace by name (a plan allows at most 100). */
    List<AgentView> list() {
        return jdbc.sql("select " + COLUMNS + " from agents a order by lower(a.name), a.id")
                .query(AgentRepository::map)
                .list();
    }

    boolean nameTaken(String name, @Nullable UUID except) {
        return jdbc.sql("select exists (select 1 from agents where lower(name) = lower(:name) and id <> :except)")
                .param("name", name)
                .param("except", except == null ? new UUID(0, 0) : except)
                .query(Boolean.class)
                .single();
    }

    /** Which of these channels other agents answer on. */
    List<Binding> boundElsewhere(List<UUID> channelIds, UUID agentId) {
        if (channelIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select c.channel_id, c.agent_id, a.name from agent_channels c
                        join agents a on a.id = c.agent_id
                        where c.channel_id = any(:channels) and c.agent_id <> :agent
                        order by c.channel_id
                        """)
                .param("channels", channelIds.toArray(UUID[]::new))
                .param("agent", agentId)
                .query((rs, n) ->
                        new Binding(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
    }

    /** Binds exactly these channels to the agent. */
    void replaceChannels(UUID agentId, List<UUID> channelIds) {
        jdbc.sql("delete from agent_channels where agent_id = :agent and not (channel_id = any(:channels))")
                .param("agent", agentId)
                .param("channels", channelIds.toArray(UUID[]::new))
                .update();
        jdbc.sql("""
                        insert into agent_channels (tenant_id, channel_id, agent_id)
                        select current_tenant_id(), c, :agent from unnest(cast(:channels as uuid[])) c
                        where not exists (select 1 from agent_channels b where b.channel_id = c and b.agent_id = :agent)
                        """)
                .param("agent", agentId)
                .param("channels", channelIds.toArray(UUID[]::new))
                .update();
    }

    /** The enabled agent that answers on this channel, if any. */
    Optional<AgentView> enabledForChannel(UUID channelId) {
        return jdbc.sql("select " + COLUMNS
                        + " from agent_channels b join agents a on a.id = b.agent_id"
                        + " where b.channel_id = :channel and a.enabled")
                .param("channel", channelId)
                .query(AgentRepository::map)
                .optional();
    }

    /** The agent bound to this channel, enabled or not. */
    Optional<AgentView> forChannel(UUID channelId) {
        return jdbc.sql("select " + COLUMNS
                        + " from agent_channels b join agents a on a.id = b.agent_id where b.channel_id = :channel")
                .param("channel", channelId)
                .query(AgentRepository::map)
                .optional();
    }

    private static MapSqlParameterSource params(Fields f) {
        return new MapSqlParameterSource()
                .addValue("name", f.name())
                .addValue("instructions", f.instructions())
                .addValue("model", f.model())
                .addValue("temperature", f.temperature())
                .addValue("maxReplyChars", f.maxReplyChars())
                .addValue("replyDelaySeconds", f.replyDelaySeconds())
                .addValue("handoverMinutes", f.handoverMinutes())
                .addValue("enabled", f.enabled());
    }

    private static AgentView map(ResultSet rs, int row) throws SQLException {
        Array channels = rs.getArray("channel_ids");
        UUID[] ids = (UUID[]) channels.getArray();
        return new AgentView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("instructions"),
                rs.getString("model"),
                rs.getDouble("temperature"),
                rs.getInt("max_reply_chars"),
                rs.getInt("reply_delay_seconds"),
                rs.getInt("handover_minutes"),
                rs.getBoolean("enabled"),
                List.copyOf(Arrays.asList(ids)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
