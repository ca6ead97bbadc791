package com.whatsdex.config;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the dashboard from {@code classpath:/static}. Client-side routes (no file extension, not an API path)
 * fall back to {@code index.html} so deep links survive a reload; unknown API paths stay 404.
 */
@Configuration(proxyBeanMethods = false)
class DashboardWebConfig implements WebMvcConfigurer {

    private static final List<String> SERVER_PREFIXES =
            List.of("api/", "v3/", "actuator/", "webhooks/", "swagger-ui", "error");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .resourceChain(true)
                .addResolver(new PathResourceResolver() {
                    @Override
                    protected @Nullable Resource getResource(String path, Resource location) throws IOException {
                        Resource resource = location.createRelative(path);
                        if (resource.isReadable() && !path.isEmpty()) {
                            return resource;
                        }
                        boolean serverPath = SERVER_PREFIXES.stream().anyMatch(path::startsWith);
                        boolean file = path.substring(path.lastIndexOf('/') + 1).contains(".");
                        if (serverPath || file) {
                            return null;
                        }
                        Resource index = new ClassPathResource("static/index.html");
                        return index.isReadable() ? index : null;
                    }
                });
    }
}
