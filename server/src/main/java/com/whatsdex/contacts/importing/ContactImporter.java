package com.whatsdex.contacts.importing;

import com.whatsdex.contacts.importing.ImportRepository.BatchCounts;
import com.whatsdex.contacts.importing.ImportRepository.JobState;
import com.whatsdex.contacts.importing.ImportRepository.StagingWriter;
import com.whatsdex.jobs.JobContext;
import com.whatsdex.jobs.RetryPolicy;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.tenancy.TenancyApi;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import job: reads the stored file back, sniffs its encoding and delimiter, parses it record by record and
 * merges the rows in batches. Each batch is one transaction that stages its rows with COPY, merges them and moves
 * the import's checkpoint, so a job restarted after a crash resumes exactly after the last merged batch and no row
 * is counted twice. A cancel takes effect between batches.
 */
@Component
class ContactImporter {

    static final String TASK = "contacts.import";

    private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);
    private static final int SNIFF_BYTES = 1 << 20;
    /** Staged text per batch, at most (plus one row): memory stays flat whatever the rows hold. */
    static final int MAX_BATCH_BYTES = 8 << 20;

    /** The job's data. */
    record ImportJob(UUID tenantId, UUID importId) implements TenantJobData {}

    private final ImportRepository imports;
    private final TenancyApi tenancy;
    private final RealtimeEvents realtime;
    private final JsonMapper json;
    private final int batchRows;
    private final TransactionTemplate tx;
    /** Chunk reads run beside the batch's transaction, whose connection is busy with COPY. */
    private final TransactionTemplate separateTx;

    ContactImporter(
            ImportRepository imports,
            TenancyApi tenancy,
            RealtimeEvents realtime,
            JsonMapper json,
            ImportService.ImportProperties properties,
            PlatformTransactionManager txManager) {
        this.batchRows = Math.max(1, properties.batchRows());
        this.imports = imports;
        this.tenancy = tenancy;
        this.realtime = realtime;
        this.json = json;
        this.tx = new TransactionTemplate(txManager);
        this.separateTx = new TransactionTemplate(txManager);
        this.separateTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.separateTx.setReadOnly(true);
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {
        static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(1));

        @Bean
        TenantTask<ImportJob> contactImportTask(ContactImporter importer) {
            return TenantTask.of(TASK, WorkerGroup.media, ImportJob.class, RETRIES, importer::run);
        }
    }

    void run(ImportJob job, JobContext context) throws IOException {
        UUID id = job.importId();
        JobState state = tx.execute(s -> imports.lockForJob(id).orElse(null));
        if (state == null || !(state.status().equals("queued") || state.status().equals("running"))) {
            return; // deleted, cancelled before it started, or already finished by an earlier attempt
        }
        if (state.cancelRequested()) {
            end(id, "cancelled", null);
            return;
        }
        try {
            importFile(id, state);
        } catch (CsvParser.CsvSyntaxException e) {
            end(
                    id,
                    "failed",
                    "The file could not be read as CSV: " + e.getMessage()
                            + ". Rows before it were imported; fix the file and import it again.");
        } catch (RuntimeException | IOException e) {
            if (!Jobs.RETRIES.allowsRetryAfter(context.attempt())) {
                log.error("Import {} failed for good", id, e);
                end(
                        id,
                        "failed",
                        "The import stopped because of an internal error; the rows merged before it"
                                + " were kept. Try again, and contact support if it happens again.");
                return;
            }
            throw e;
        }
    }

    private void importFile(UUID id, JobState state) throws IOException {
        StoredFileInputStream raw = new StoredFileInputStream(seq -> separateTx.execute(s -> imports.chunk(id, seq)));
        BufferedInputStream in = new BufferedInputStream(raw, SNIFF_BYTES + 16);
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        CsvFormat format = CsvFormat.sniff(head, head.length);
        char delimiter = CsvFormat.sniffDelimiter(format.decodeSample(head, Math.min(head.length, 64 * 1024)));
        in.skipNBytes(format.bomLength());
        var decoder = format.charset()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CsvParser parser = new CsvParser(new InputStreamReader(in, decoder), delimiter);

        List<String> headers = parser.next();
        if (headers == null) {
            tx.executeWithoutResult(s -> imports.markRunning(id, format.label(), delimiterName(delimiter), List.of()));
            end(id, "failed", "The file is empty.");
            return;
        }
        List<String> cleanHeaders = headers.stream().map(String::strip).toList();
        tx.executeWithoutResult(s -> imports.markRunning(id, format.label(), delimiterName(delimiter), cleanHeaders));
        List<ColumnMapping> mapping = mapping(state.mappingJson(), cleanHeaders);
        RowMapper rows = new RowMapper(mapping, state.defaultCountry(), state.tags());
        boolean update = state.onExisting().equals("update");
        long contactLimit = tenancy.currentWorkspace().limits().contacts();
        UUID tenantId = TenantContext.requireTenantId();

        // resume: the records merged by an earlier attempt are read and dropped
        long checkpoint = Math.max(1, state.checkpointRecords());
        while (parser.records() < checkpoint && parser.next() != null) {}

        // Parsing (this JVM) and merging (PostgreSQL) overlap: a virtual thread parses the next batch while the
        // current one merges. The queue holds one batch, so at most three are in memory, whatever the file's size.
        BlockingQueue<Object> ready = new ArrayBlockingQueue<>(1);
        Thread parsing = Thread.ofVirtual()
                .name("import-parse-" + id)
                .start(() -> TenantContext.runAs(tenantId, () -> {
                    try {
                        boolean end = false;
                        while (!end) {
                            ParsedBatch batch = parseBatch(parser, rows, raw);
                            end = batch.end();
                            ready.put(batch);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the merging side stopped
                    } catch (Throwable e) { // whatever stops parsing must reach the merging side, or it waits forever
                        try {
                            ready.put(
                                    e instanceof IOException || e instanceof RuntimeException
                                            ? e
                                            : new IllegalStateException(e));
                        } catch (InterruptedException stopped) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }));
        try {
            while (true) {
                Object next;
                try {
                    next = ready.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while importing", e);
                }
                switch (next) {
                    case IOException e -> throw e;
                    case RuntimeException e -> throw e;
                    default -> {}
                }
                ParsedBatch batch = (ParsedBatch) next;
                Boolean more = tx.execute(s -> {
                    JobState now = imports.lockForJob(id).orElseThrow();
                    if (now.cancelRequested()) {
                        imports.finish(id, "cancelled", null);
                        publish(id);
                        return false;
                    }
                    long t0 = System.nanoTime();
                    imports.stage(batch.rows());
                    BatchCounts counts = imports.merge(tenantId, id, update, contactLimit);
                    log.debug(
                            "Import {}: batch of {} rows parsed in {} ms, staged and merged in {} ms",
                            id,
                            batch.dataRows(),
                            batch.parseMillis(),
                            (System.nanoTime() - t0) / 1_000_000);
                    imports.recordBatch(id, batch.dataRows(), counts, batch.records(), batch.bytesRead());
                    if (batch.end()) {
                        imports.finish(id, "completed", null);
                    }
                    publish(id);
                    return !batch.end();
                });
                if (!Boolean.TRUE.equals(more)) {
                    return;
                }
            }
        } finally {
            parsing.interrupt();
        }
    }

    /** One batch of rows ready to merge, and where the file stood after it (the batch's checkpoint). */
    private record ParsedBatch(
            StagingWriter rows, long dataRows, long records, long bytesRead, boolean end, long parseMillis) {}

    private ParsedBatch parseBatch(CsvParser parser, RowMapper rows, StoredFileInputStream raw) throws IOException {
        long t0 = System.nanoTime();
        StagingWriter staging = new StagingWriter();
        long dataRows = 0;
        boolean end = false;
        // a batch also ends at MAX_BATCH_BYTES of staged text: rows of long cells (up to a megabyte each) would
        // otherwise hold batchRows megabytes, three batches at a time
        while (dataRows < batchRows && staging.length() < MAX_BATCH_BYTES) {
            List<String> cells = parser.next();
            if (cells == null) {
                end = true;
                break;
            }
            long rowNumber = parser.records(); // the header is record 1
            switch (rows.map(rowNumber, cells)) {
                case RowMapper.Outcome.Blank b -> {}
                case RowMapper.Outcome.Rejected r -> {
                    dataRows++;
                    staging.row(rowNumber, null, null, null, null, null, null, null, cells, r.error());
                }
                case RowMapper.Outcome.Valid v -> {
                    dataRows++;
                    var c = v.candidate();
                    staging.row(
                            rowNumber,
                            Ids.newId(),
                            c.phone(),
                            c.rawPhone(),
                            c.name(),
                            c.email(),
                            c.tags(),
                            json.writeValueAsString(c.attributes()),
                            cells,
                            null);
                }
            }
        }
        staging.finish();
        return new ParsedBatch(
                staging, dataRows, parser.records(), raw.bytesRead(), end, (System.nanoTime() - t0) / 1_000_000);
    }

    private List<ColumnMapping> mapping(@Nullable String mappingJson, List<String> headers) {
        return mappingJson == null
                ? ColumnMapping.propose(headers)
                : ColumnMapping.chosen(json.readValue(mappingJson, new TypeReference<List<MappingCmd>>() {}), headers);
    }

    private void end(UUID id, String status, @Nullable String error) {
        tx.executeWithoutResult(s -> {
            imports.finish(id, status, error);
            publish(id);
        });
    }

    private void publish(UUID id) {
        imports.find(id).ifPresent(i -> realtime.publish(i.progressEvent()));
    }

    static String delimiterName(char d) {
        return switch (d) {
            case '\t' -> "tab";
            case ';' -> "semicolon";
            case '|' -> "pipe";
            default -> "comma";
        };
    }
}
