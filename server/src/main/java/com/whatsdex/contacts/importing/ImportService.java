package com.whatsdex.contacts.importing;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.whatsdex.contacts.importing.ContactImporter.ImportJob;
import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.shared.ApiErrorResponse.FieldError;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.tenancy.TenancyApi;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Contact imports: upload, preview, history, cancel, undo and the rejected rows. */
@Service
public class ImportService {

    /** Bytes per stored chunk of an uploaded file. */
    static final int CHUNK_BYTES = 1 << 20;

    static final int PREVIEW_ROWS = 10;
    static final int MAX_TAGS = 20;

    /**
     * @param maxUpload the largest file accepted ({@code WHATSDEX_MAX_UPLOAD})
     * @param batchRows rows merged per transaction (progress and checkpoints move once per batch)
     */
    @ConfigurationProperties("whatsdex.contacts.imports")
    public record ImportProperties(
            @DefaultValue("200MB") DataSize maxUpload,
            @DefaultValue("20000") int batchRows) {}

    /** How to import: all optional. */
    public record ImportOptions(
            @Nullable String defaultCountry,
            @Nullable String onExisting,
            @Nullable List<String> tags,
            @Nullable String mapping) {}

    /** What the first part of a file looks like and how it would be imported. */
    @Schema(name = "ImportPreview")
    public record Preview(
            String encoding,
            String delimiter,
            List<String> headers,
            List<ColumnMapping> mapping,
            String defaultCountry,
            List<PreviewRow> rows) {}

    /** One row of a preview as it would be imported, or why it would be rejected. */
    @Schema(name = "ImportPreviewRow")
    public record PreviewRow(
            long rowNumber,
            List<String> cells,
            @Nullable String name,
            @Nullable String phone,
            @Nullable String email,
            List<String> tags,
            Map<String, String> attributes,
            @Nullable String error) {}

    private final ImportRepository imports;
    private final TenancyApi tenancy;
    private final JobScheduler jobs;
    private final TenantTask<ImportJob> importTask;
    private final RealtimeEvents realtime;
    private final JsonMapper json;
    private final ImportProperties properties;
    private final TransactionTemplate tx;

    ImportService(
            ImportRepository imports,
            TenancyApi tenancy,
            JobScheduler jobs,
            TenantTask<ImportJob> importTask,
            RealtimeEvents realtime,
            JsonMapper json,
            ImportProperties properties,
            PlatformTransactionManager txManager) {
        this.imports = imports;
        this.tenancy = tenancy;
        this.jobs = jobs;
        this.importTask = importTask;
        this.realtime = realtime;
        this.json = json;
        this.properties = properties;
        this.tx = new TransactionTemplate(txManager);
    }

    public long maxUploadBytes() {
        return properties.maxUpload().toBytes();
    }

    /**
     * Stores the file (streamed, a chunk at a time, each in its own short transaction so a slow upload holds no
     * connection) and queues the import. A file that is empty, binary or larger than allowed is refused and nothing
     * is kept.
     */
    public ContactImport create(InputStream body, String filename, ImportOptions options) throws IOException {
        Settings settings = settings(options);
        byte[] buffer = new byte[CHUNK_BYTES];
        int first = body.readNBytes(buffer, 0, CHUNK_BYTES);
        requireText(buffer, first);
        UUID tenantId = TenantContext.requireTenantId();
        UUID userId =
                TenantContext.current() == null ? null : TenantContext.current().userId();
        UUID id = Ids.newId();
        String name = cleanFilename(filename);
        tx.executeWithoutResult(s -> imports.insert(
                tenantId,
                id,
                userId,
                name,
                settings.country(),
                settings.onExisting(),
                settings.tags(),
                settings.mappingJson()));
        boolean stored = false;
        try {
            long size = 0;
            int seq = 0;
            int n = first;
            while (n > 0) {
                size += n;
                if (size > maxUploadBytes()) {
                    throw tooLarge();
                }
                int chunk = seq++;
                int length = n;
                tx.executeWithoutResult(s -> imports.insertChunk(tenantId, id, chunk, buffer, length));
                n = body.readNBytes(buffer, 0, CHUNK_BYTES);
            }
            long total = size;
            tx.executeWithoutResult(s -> {
                imports.setSize(id, total);
                imports.markQueued(id);
                jobs.scheduleNow(importTask, id.toString(), new ImportJob(tenantId, id));
            });
            stored = true;
        } finally {
            if (!stored) {
                tx.executeWithoutResult(s -> imports.delete(id));
            }
        }
        return get(id);
    }

    ApiException tooLarge() {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload_too_large",
                "The file is larger than " + properties.maxUpload().toMegabytes() + " MB, the largest import allowed");
    }

    /** Reads at most the first megabyte of a file and shows how it would be imported. */
    public Preview preview(InputStream body, ImportOptions options) throws IOException {
        Settings settings = settings(options);
        byte[] head = body.readNBytes(CHUNK_BYTES);
        boolean truncated = body.read() >= 0;
        requireText(head, head.length);
        CsvFormat format = CsvFormat.sniff(head, head.length);
        String text = format.decodeSample(head, head.length);
        char delimiter = CsvFormat.sniffDelimiter(text.substring(0, Math.min(text.length(), 64 * 1024)));
        CsvParser parser = new CsvParser(new StringReader(text), delimiter);
        List<String> headers;
        List<List<String>> records = new ArrayList<>();
        try {
            List<String> h = parser.next();
            if (h == null) {
                throw ApiException.validation("file", "is empty");
            }
            headers = h.stream().map(String::strip).toList();
            List<String> record;
            // a record cut off by the end of a truncated sample is not shown
            while (records.size() <= PREVIEW_ROWS && (record = parser.next()) != null) {
                records.add(record);
            }
        } catch (CsvParser.CsvSyntaxException e) {
            if (records.isEmpty()) {
                throw ApiException.validation("file", "could not be read as CSV: " + e.getMessage());
            }
            headers = List.of();
        }
        if (truncated && records.size() <= PREVIEW_ROWS && !records.isEmpty()) {
            records.removeLast();
        }
        List<ColumnMapping> mapping = settings.mappingJson() == null
                ? ColumnMapping.propose(headers)
                : ColumnMapping.chosen(
                        json.readValue(settings.mappingJson(), new TypeReference<List<MappingCmd>>() {}), headers);
        RowMapper mapper = new RowMapper(mapping, settings.country(), settings.tags());
        List<PreviewRow> rows = new ArrayList<>();
        long rowNumber = 1;
        for (List<String> cells : records) {
            rowNumber++;
            if (rows.size() == PREVIEW_ROWS) {
                break;
            }
            switch (mapper.map(rowNumber, cells)) {
                case RowMapper.Outcome.Blank b -> {}
                case RowMapper.Outcome.Rejected r ->
                    rows.add(new PreviewRow(rowNumber, cells, null, null, null, List.of(), Map.of(), r.error()));
                case RowMapper.Outcome.Valid v -> {
                    var c = v.candidate();
                    rows.add(new PreviewRow(
                            rowNumber, cells, c.name(), c.phone(), c.email(), c.tags(), c.attributes(), null));
                }
            }
        }
        return new Preview(
                format.label(), ContactImporter.delimiterName(delimiter), headers, mapping, settings.country(), rows);
    }

    public ContactImport get(UUID id) {
        return tx.execute(s -> imports.find(id)).orElseThrow(() -> ApiException.notFound("Import"));
    }

    public PageResponse<ContactImport> list(@Nullable String cursor, @Nullable Integer requestedLimit) {
        int limit = Cursors.limit(requestedLimit);
        String key = Cursors.decode(cursor);
        Instant afterAt = null;
        UUID afterId = null;
        if (key != null) {
            int bar = key.indexOf('|');
            try {
                afterAt = Instant.parse(key.substring(0, bar));
                afterId = UUID.fromString(key.substring(bar + 1));
            } catch (RuntimeException e) {
                throw ApiException.validation("cursor", "is not a cursor this API returned");
            }
        }
        Instant at = afterAt;
        UUID after = afterId;
        List<ContactImport> rows = tx.execute(s -> imports.list(at, after, limit + 1));
        return Cursors.page(rows, limit, i -> i.createdAt() + "|" + i.id());
    }

    /** Stops an import: at once when it has not started, else at its next batch (the rows merged so far stay). */
    public ContactImport cancel(UUID id) {
        tx.executeWithoutResult(s -> {
            var state = imports.lockForJob(id).orElseThrow(() -> ApiException.notFound("Import"));
            switch (state.status()) {
                case "queued" -> {
                    imports.finish(id, "cancelled", null);
                    publish(id);
                }
                case "running" -> imports.requestCancel(id);
                default -> throw ApiException.invalidState("The import has already ended (" + state.status() + ")");
            }
        });
        return get(id);
    }

    /** Removes the contacts the import created. Contacts it only updated keep their new values. */
    public ContactImport undo(UUID id) {
        UUID tenantId = TenantContext.requireTenantId();
        tx.executeWithoutResult(s -> {
            var state = imports.lockForJob(id).orElseThrow(() -> ApiException.notFound("Import"));
            if (!(state.status().equals("completed")
                    || state.status().equals("cancelled")
                    || state.status().equals("failed"))) {
                throw ApiException.invalidState("An import can be undone once it has ended; cancel it first");
            }
            ContactImport current = imports.find(id).orElseThrow();
            if (current.undoneAt() != null) {
                throw ApiException.invalidState("This import has already been undone");
            }
            imports.undo(tenantId, id);
        });
        return get(id);
    }

    /** The import's column headers and its rejected rows in file order, a page at a time. */
    public void rejectedRows(UUID id, Consumer<List<String>> header, Consumer<RejectedRow> row) {
        get(id);
        header.accept(tx.execute(s -> imports.headers(id)));
        long after = 0;
        while (true) {
            long from = after;
            List<RejectedRow> page = tx.execute(s -> imports.rejects(id, from, 1000));
            page.forEach(row);
            if (page.size() < 1000) {
                return;
            }
            after = page.getLast().rowNumber();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void publish(UUID id) {
        imports.find(id).ifPresent(i -> realtime.publish(i.progressEvent()));
    }

    private record Settings(
            String country,
            String onExisting,
            List<String> tags,
            @Nullable String mappingJson) {}

    private Settings settings(ImportOptions options) {
        List<FieldError> errors = new ArrayList<>();
        String country =
                options.defaultCountry() == null || options.defaultCountry().isBlank()
                        ? tenancy.currentWorkspace().defaultCountry()
                        : options.defaultCountry().strip().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(country)) {
            errors.add(new FieldError("defaultCountry", "must be a country code such as NG, GB or US"));
        }
        String onExisting = options.onExisting() == null || options.onExisting().isBlank()
                ? "update"
                : options.onExisting().strip();
        if (!onExisting.equals("update") && !onExisting.equals("skip")) {
            errors.add(new FieldError("onExisting", "must be update or skip"));
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String tag : options.tags() == null ? List.<String>of() : options.tags()) {
            for (String t : tag.split(",")) {
                String clean = t.strip();
                if (clean.length() > RowMapper.MAX_TAG) {
                    errors.add(new FieldError("tags", "each tag must be at most " + RowMapper.MAX_TAG + " characters"));
                } else if (!clean.isEmpty()) {
                    tags.add(clean);
                }
            }
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(new FieldError("tags", "at most " + MAX_TAGS + " tags"));
        }
        String mappingJson = null;
        if (options.mapping() != null && !options.mapping().isBlank()) {
            try {
                List<MappingCmd> mapping = json.readValue(options.mapping(), new TypeReference<List<MappingCmd>>() {});
                if (mapping.stream().noneMatch(m -> m.target() == ColumnTarget.phone)) {
                    errors.add(new FieldError("mapping", "must map at least one column to phone"));
                }
                mappingJson = json.writeValueAsString(mapping);
            } catch (JacksonException e) {
                errors.add(new FieldError(
                        "mapping",
                        "must be a JSON list of {index, target, attributeKey} with targets "
                                + List.of(ColumnTarget.values())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST, "validation_failed", "Some import options are invalid", errors);
        }
        return new Settings(country, onExisting, List.copyOf(tags), mappingJson);
    }

    /**
     * Refuses what cannot be a contacts file from its first chunk: empty, binary, or a first megabyte without a line
     * break (a header row that long is not CSV; the parser would refuse it later anyway, after storing the file).
     */
    static void requireText(byte[] head, int length) {
        if (length == 0) {
            throw ApiException.validation("file", "is empty");
        }
        if (length >= CHUNK_BYTES && !hasLineBreak(head, length)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid_file",
                    "The first line of this file is longer than 1 MB, so it is not a CSV file of contacts."
                            + " Nothing was imported.");
        }
        CsvFormat format = CsvFormat.sniff(head, length);
        if (format.looksBinary(head, length)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid_file",
                    "This file is not a CSV text file (it holds binary data; a spreadsheet must be saved as CSV"
                            + " first). Nothing was imported.");
        }
    }

    private static boolean hasLineBreak(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            if (head[i] == '\n' || head[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    private static String cleanFilename(String filename) {
        String name =
                filename.replaceAll("[\\\\/]", "_").replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "contacts.csv";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}
