package com.whatsdex.support;

import com.whatsdex.WhatsDexApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application started and stopped by a test, as often as it likes, on one persistent data directory (its
 * embedded PostgreSQL keeps the data between starts): for what happens across a stop and a restart. Not the suite's
 * shared context. {@link #close} stops whatever is still running and deletes the data.
 */
public final class RestartableServer implements AutoCloseable {

    private final Path dataDir;
    private final String[] settings;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    /** @param settings extra {@code name=value} settings, above the test profile's */
    public RestartableServer(String... settings) throws IOException {
        this.dataDir = Files.createTempDirectory("whatsdex-restart-");
        this.settings = settings.clone();
    }

    /** Starts the application on the data directory; {@link ConfigurableApplicationContext#close} stops it gracefully. */
    public ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--whatsdex.data-dir=" + dataDir, "--whatsdex.database.embedded-ephemeral=false"));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        // arguments: above the test profile's own settings
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WhatsDexApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(Objects.requireNonNull(context.getEnvironment().getProperty("local.server.port")));
    }

    @Override
    public void close() throws IOException {
        started.forEach(ConfigurableApplicationContext::close);
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
