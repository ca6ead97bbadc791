package com.whatsdex.realtime.internal;

import com.whatsdex.realtime.RealtimeEvent;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the event stream in the OpenAPI document so the dashboard generates its event types like every other
 * type. springdoc would describe the handler's {@code SseEmitter} as a JSON object; instead the 200 response is
 * {@code text/event-stream} whose data is one of the event schemas, each tagged by a literal {@code type}, so the
 * generated TypeScript is a discriminated union.
 */
@Configuration(proxyBeanMethods = false)
class RealtimeOpenApi {

    static final String EVENTS_PATH = "/api/v1/events";
    static final String READY_SCHEMA = "StreamReadyEvent";

    @Bean
    OpenApiCustomizer realtimeEventSchemas() {
        return RealtimeOpenApi::customize;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void customize(OpenAPI openApi) {
        // the instance springdoc configured (3.1 and its property customizers), so nullability matches the rest
        ModelConverters converters = ModelConverters.getInstance(true);
        Map<String, Schema> schemas = new TreeMap<>();
        List<Schema> oneOf = new ArrayList<>();
        for (Class<?> eventClass : RealtimeEvent.class.getPermittedSubclasses()) {
            Map<String, Schema> read = converters.readAll(eventClass);
            String name = schemaName(eventClass);
            Schema schema = read.get(name);
            if (schema == null) {
                throw new IllegalStateException("No OpenAPI schema named " + name + " for " + eventClass);
            }
            markNullable(schema, eventClass);
            tagWithType(schema, typeOf(eventClass));
            schemas.putAll(read);
            oneOf.add(new JsonSchema().$ref("#/components/schemas/" + name));
        }
        Schema ready = new JsonSchema()
                .types(Set.of("object"))
                .description("ready: the stream is open; (re)fetch what is on screen now");
        tagWithType(ready, "ready");
        schemas.put(READY_SCHEMA, ready);
        oneOf.add(new JsonSchema().$ref("#/components/schemas/" + READY_SCHEMA));

        if (openApi.getComponents() != null) {
            Map<String, Schema> existing = openApi.getComponents().getSchemas();
            Map<String, Schema> merged = new TreeMap<>(existing == null ? Map.of() : existing);
            merged.remove("SseEmitter");
            merged.putAll(schemas);
            openApi.getComponents().setSchemas(merged);
        }

        PathItem path = openApi.getPaths() == null ? null : openApi.getPaths().get(EVENTS_PATH);
        Operation get = path == null ? null : path.getGet();
        if (get == null || get.getResponses() == null) {
            return;
        }
        ApiResponse ok = get.getResponses().computeIfAbsent("200", code -> new ApiResponse());
        ok.setContent(new Content()
                .addMediaType(
                        org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE,
                        new MediaType().schema(new JsonSchema().oneOf(oneOf))));
    }

    /** Every property is always sent (null when unknown), and {@code type} is the literal event name. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void tagWithType(Schema schema, String type) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new JsonSchema().types(Set.of("string"))._enum(List.of(type)));
        if (schema.getProperties() != null) {
            properties.putAll(schema.getProperties());
        }
        schema.setProperties(properties);
        schema.setRequired(new ArrayList<>(properties.keySet()));
    }

    /**
     * JSpecify's {@code @Nullable} is a type-use annotation, which swagger's model reader does not see on a record
     * component; read it from the record itself so {@code total?}-style fields become {@code T | null} in TS.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markNullable(Schema schema, Class<?> eventClass) {
        if (schema.getProperties() == null || eventClass.getRecordComponents() == null) {
            return;
        }
        for (RecordComponent component : eventClass.getRecordComponents()) {
            Schema property = (Schema) schema.getProperties().get(component.getName());
            if (property != null
                    && property.get$ref() == null
                    && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                Set<String> types = new LinkedHashSet<>();
                if (property.getTypes() != null) {
                    types.addAll(property.getTypes());
                }
                if (property.getType() != null) {
                    types.add(property.getType());
                }
                types.add("null");
                property.setTypes(types);
            }
        }
    }

    private static String schemaName(Class<?> eventClass) {
        var annotation = eventClass.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return annotation != null && !annotation.name().isEmpty() ? annotation.name() : eventClass.getSimpleName();
    }

    private static String typeOf(Class<?> eventClass) {
        try {
            return (String) eventClass.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(eventClass + " must declare public static final String TYPE", e);
        }
    }
}
