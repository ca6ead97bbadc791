package com.whatsdex.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
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
                .addSecurityItem(new SecurityRequirement().addList("session"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    @Bean
    PropertyCustomizer nullableProperties() {
        return (property, type) -> {
            Annotation[] annotations = type.getCtxAnnotations();
            if (annotations != null) {
                for (Annotation a : annotations) {
                    if (a.annotationType().getSimpleName().equals("Nullable")) {
                        markNullable(property);
                    }
                }
            }
            return property;
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void markNullable(Schema property) {
        if (property.get$ref() != null) {
            return;
        }
        Set<String> types =
                property.getTypes() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(property.getTypes());
        if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
    }

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    OpenApiCustomizer requiredAndSorted() {
        return openApi -> {
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().values().forEach(schema -> {
                    Schema s = (Schema) schema;
                    if (s.getProperties() != null && !s.getProperties().isEmpty()) {
                        s.setRequired(new ArrayList<>(s.getProperties().keySet()));
                    }
                });
                openApi.getComponents()
                        .setSchemas(new TreeMap<>(openApi.getComponents().getSchemas()));
            }
            if (openApi.getPaths() != null) {
                var sorted = new io.swagger.v3.oas.models.Paths();
                new TreeMap<>(openApi.getPaths()).forEach(sorted::addPathItem);
                openApi.setPaths(sorted);
            }
        };
    }
}
