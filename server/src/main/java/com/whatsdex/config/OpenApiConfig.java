package com.whatsdex.config;

import com.whatsdex.shared.ApiErrorResponse;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document the dashboard's types are generated from. Every property of a response record is
 * always present, so every property is marked required; the ones declared {@code @Nullable} may be null. Schemas
 * and paths are sorted so the document is stable and a stale copy shows as a diff.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI whatsDexOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("WhatsDeX API")
                        .version("v1")
                        .description("Multi-tenant WhatsApp automation and CRM. Every answer is the envelope"
                                + " {success, data} or {success: false, error: {code, message, details}}."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer"))
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("WDX_SESSION")))
                .servers(java.util.List.of(new io.swagger.v3.oas.models.servers.Server().url("/")))
                .addSecurityItem(new SecurityRequirement().addList("session"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    /**
     * Two classes with one simple name (say {@code TemplateView.Media} and {@code MessageView.Media}) would share
     * one schema and the generator would silently keep either; the dashboard's types would then describe the wrong
     * record. This converter remembers which class claimed each schema name, and {@link #requiredAndSorted} refuses
     * to publish a document with a collision (give one of them {@code @Schema(name = ...)}).
     */
    @Bean
    ModelConverter schemaNameCollisions() {
        return new ModelConverter() {
            @Override
            @SuppressWarnings("rawtypes")
            public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
                Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
                Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
                if (schema != null && raw != null && raw.isRecord()) {
                    String name = schema.get$ref() != null
                            ? schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1)
                            : schema.getName();
                    if (name != null) {
                        Class<?> first = SCHEMA_OWNERS.putIfAbsent(name, raw);
                        if (first != null && !first.equals(raw)) {
                            COLLISIONS.add(
                                    "schema " + name + " is claimed by " + first.getName() + " and " + raw.getName());
                        }
                    }
                }
                return schema;
            }
        };
    }

    private static final ConcurrentMap<String, Class<?>> SCHEMA_OWNERS = new ConcurrentHashMap<>();
    private static final Set<String> COLLISIONS = ConcurrentHashMap.newKeySet();

    /**
     * Marks record components annotated {@code @Nullable} (JSpecify, a type-use annotation that the schema
     * generator does not see) as nullable, so the generated TypeScript says {@code string | null}.
     */
    @Bean
    ModelConverter nullableRecordComponents() {
        return new ModelConverter() {
            @Override
            @SuppressWarnings("rawtypes")
            public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
                Schema schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
                Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
                if (schema == null || raw == null || !raw.isRecord()) {
                    return schema;
                }
                Schema target = schema;
                if (schema.get$ref() != null) {
                    String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
                    target = context.getDefinedModels().get(name);
                }
                if (target == null || target.getProperties() == null) {
                    return schema;
                }
                for (RecordComponent component : raw.getRecordComponents()) {
                    Object property = target.getProperties().get(component.getName());
                    if (property instanceof Schema p && isNullable(component)) {
                        markNullable(p);
                    }
                }
                return schema;
            }
        };
    }

    private static boolean isNullable(RecordComponent component) {
        for (Annotation a : component.getAnnotatedType().getAnnotations()) {
            if (a.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markNullable(Schema property) {
        if (property.get$ref() != null) {
            // a nullable reference: anyOf [ref, null]
            Schema ref = new Schema().$ref(property.get$ref());
            property.set$ref(null);
            property.setAnyOf(List.of(ref, new Schema().types(Set.of("null"))));
            return;
        }
        Set<String> types =
                property.getTypes() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(property.getTypes());
        if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            property.getEnum().add(null);
        }
    }

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    OpenApiCustomizer requiredAndSorted() {
        return openApi -> {
            if (!COLLISIONS.isEmpty()) {
                throw new IllegalStateException(
                        "OpenAPI schema names collide: " + String.join("; ", new TreeSet<>(COLLISIONS)));
            }
            Components components = openApi.getComponents();
            ModelConverters.getInstance().readAll(ApiErrorResponse.class).forEach(components::addSchemas);
            // errors raised before a request id exists (container errors) have none
            markNullable((Schema)
                    components.getSchemas().get("ApiError").getProperties().get("requestId"));
            components.getSchemas().forEach((name, schema) -> {
                Schema s = (Schema) schema;
                // responses always carry every field; requests (commands) keep their validation-derived list
                boolean request = name.endsWith("Cmd") || name.endsWith("Request");
                if (!request && s.getProperties() != null && !s.getProperties().isEmpty()) {
                    s.setRequired(new ArrayList<>(s.getProperties().keySet()));
                }
            });
            components.setSchemas(new TreeMap<>(components.getSchemas()));
            ApiResponse error = new ApiResponse()
                    .description("The error envelope")
                    .content(new Content()
                            .addMediaType(
                                    "application/json",
                                    new MediaType()
                                            .schema(new Schema().$ref("#/components/schemas/ApiErrorResponse"))));
            if (openApi.getPaths() != null) {
                var sorted = new io.swagger.v3.oas.models.Paths();
                new TreeMap<>(openApi.getPaths()).forEach(sorted::addPathItem);
                openApi.setPaths(sorted);
                sorted.values()
                        .forEach(item -> item.readOperations()
                                .forEach(op -> op.getResponses().addApiResponse("default", error)));
            }
        };
    }
}
