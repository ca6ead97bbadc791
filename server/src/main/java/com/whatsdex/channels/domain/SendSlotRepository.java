package com.whatsdex.channels.domain;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SendSlotRepository {

    private final JdbcClient jdbc;

    SendSlotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Moves the channel's next free slot {@code spanMicros} forward from max(next slot, now - catch-up) and answers
     * the wait until the first reserved slot, in microseconds: negative when the first slots are already due (the
     * sender sends those at once, then keeps to the rate). The database's clock is the one clock every instance
     * shares. A channel idle for a moment makes up at most {@code catchUpMicros} of the slots it left unused.
     */
    long reserve(UUID channelId, long spanMicros, long catchUpMicros) {
        // not waiting for the commit to reach the disk: a reservation lost in a crash only lets the first sends
        // after the restart reuse slots of the last moment before it (the sends themselves are recorded durably)
        jdbc.sql("set local synchronous_commit = off").update();
        return jdbc.sql("""
                insert into channel_send_slots as s (tenant_id, channel_id, next_at)
                values (current_tenant_id(), :channel, clock_timestamp() + make_interval(secs => :span / 1e6))
                on conflict (tenant_id, channel_id) do update
                    set next_at = greatest(s.next_at, clock_timestamp() - make_interval(secs => :catchUp / 1e6))
                        + make_interval(secs => :span / 1e6)
                returning (extract(epoch from (s.next_at - clock_timestamp())) * 1e6)::bigint - :span
                """)
                .param("channel", channelId)
                .param("span", spanMicros)
                .param("catchUp", catchUpMicros)
                .query(Long.class)
                .single();
    }
}
