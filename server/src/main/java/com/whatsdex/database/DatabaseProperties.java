package com.whatsdex.database;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. With no {@code url} WhatsDeX runs an embedded PostgreSQL in {@code dataDir/postgres}.
 *
 * @param url external server ({@code DATABASE_URL}): {@code jdbc:postgresql://host/db} or
 *     {@code postgres://user:pass@host:port/db}
 * @param user the application's plain role ({@code DATABASE_USER})
 * @param password its password ({@code DATABASE_PASSWORD})
 * @param ownerUser the role that owns the schema and runs migrations; defaults to {@code user}
 * @param ownerPassword its password
 * @param embeddedEphemeral delete the embedded data directory on shutdown (tests)
 * @param poolSize connections in the application pool
 * @param jobsReserve connections of the pool that HTTP requests never take, so background jobs (campaign dispatch,
 *     retries, imports) always find one under any HTTP load (see {@link RequestConnectionBudget}); a quarter of the
 *     pool when not set
 * @param requestConnectionWait how long a request waits for a connection before it is answered 503
 */
@ConfigurationProperties("whatsdex.database")
public record DatabaseProperties(
        @Nullable String url,
        @Nullable String user,
        @Nullable String password,
        @Nullable String ownerUser,
        @Nullable String ownerPassword,
        @DefaultValue("false") boolean embeddedEphemeral,
        @DefaultValue("30") int poolSize,
        @Nullable Integer jobsReserve,
        @DefaultValue("5s") java.time.Duration requestConnectionWait) {

    public DatabaseProperties {
        if (jobsReserve != null && (jobsReserve < 0 || jobsReserve >= poolSize)) {
            throw new IllegalArgumentException(
                    "whatsdex.database.jobs-reserve must be at least 0 and less than the pool size (" + poolSize + ")");
        }
    }

    @Override
    public String toString() {
        return "DatabaseProperties[url=" + url + ", user=" + user + ", password="
                + (password == null ? null : "[redacted]")
                + ", ownerUser=" + ownerUser + ", ownerPassword=" + (ownerPassword == null ? null : "[redacted]")
                + ", embeddedEphemeral=" + embeddedEphemeral + ", poolSize=" + poolSize + ", jobsReserve=" + jobsReserve
                + ", requestConnectionWait=" + requestConnectionWait + "]";
    }

    /** Connections kept for everything but HTTP requests: {@code jobsReserve}, or a quarter of the pool. */
    public int reservedForJobs() {
        return jobsReserve != null ? jobsReserve : Math.max(1, poolSize / 4);
    }

    public boolean external() {
        return url != null && !url.isBlank();
    }

    static Path postgresDir(Path dataDir) {
        return dataDir.resolve("postgres");
    }
}
