package com.whatsdex.jobs.internal;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Task data as UTF-8 JSON in {@code task_data}. A mapper of its own, not the web's: the stored format must not change
 * when someone tunes the HTTP JSON settings, because executions written by one release are read by the next.
 * Unknown properties are ignored so a field can be removed from a data record while old executions are pending.
 */
final class TaskDataSerializer implements Serializer {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public byte @Nullable [] serialize(@Nullable Object data) {
        return data == null ? null : json.writeValueAsBytes(data);
    }

    @Override
    public <T> @Nullable T deserialize(Class<T> type, byte @Nullable [] bytes) {
        if (bytes == null || type == Void.class) {
            return null;
        }
        return json.readValue(bytes, type);
    }

    /** The data as JSON text, for {@code failed_jobs.data}. */
    @Nullable
    String toJson(@Nullable Object data) {
        byte[] bytes = serialize(data);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
