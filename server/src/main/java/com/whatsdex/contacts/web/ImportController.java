package com.whatsdex.contacts.web;

import com.whatsdex.contacts.importing.ContactImport;
import com.whatsdex.contacts.importing.ImportService;
import com.whatsdex.contacts.importing.ImportService.ImportOptions;
import com.whatsdex.contacts.importing.ImportService.Preview;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Contact imports. A file comes as multipart (field {@code file}) or as a raw {@code text/csv} body, which lets a
 * browser show upload progress with a plain XHR; the options come as form fields or query parameters alike.
 */
@RestController
@RequestMapping("/api/v1/contacts/imports")
@Tag(name = "contact imports")
class ImportController {

    private static final String OPTIONS_DOC = "defaultCountry (ISO 3166 alpha-2, default: the workspace's),"
            + " onExisting (update | skip, default update), tags (comma-separated or repeated: added to every"
            + " imported contact), mapping (JSON list of {index, target, attributeKey}; default: proposed from the"
            + " headers)";

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "How a file would be imported: encoding, delimiter, headers, proposed mapping, first rows",
            description = "Reads at most the first megabyte (send just the start of a large file). " + OPTIONS_DOC)
    ApiResponse<Preview> previewMultipart(
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String defaultCountry,
            @RequestParam(required = false) @Nullable String onExisting,
            @RequestParam(required = false) @Nullable List<String> tags,
            @RequestParam(required = false) @Nullable String mapping)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return ApiResponse.of(imports.preview(in, new ImportOptions(defaultCountry, onExisting, tags, mapping)));
        }
    }

    @PostMapping(
            path = "/preview",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @Operation(summary = "Like the multipart preview, the file's start as the raw body")
    ApiResponse<Preview> previewRaw(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String defaultCountry,
            @RequestParam(required = false) @Nullable String onExisting,
            @RequestParam(required = false) @Nullable List<String> tags,
            @RequestParam(required = false) @Nullable String mapping)
            throws IOException {
        return ApiResponse.of(imports.preview(
                request.getInputStream(), new ImportOptions(defaultCountry, onExisting, tags, mapping)));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Import a CSV file of contacts in the background",
            description = "Answers 202 with the queued import; follow it with GET /{id} or import.progress events. "
                    + OPTIONS_DOC + ". Empty or binary files: 400; above the upload limit: 413.")
    ApiResponse<ContactImport> createMultipart(
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String defaultCountry,
            @RequestParam(required = false) @Nullable String onExisting,
            @RequestParam(required = false) @Nullable List<String> tags,
            @RequestParam(required = false) @Nullable String mapping)
            throws IOException {
        if (file.getSize() > imports.maxUploadBytes()) {
            throw tooLarge();
        }
        String name = file.getOriginalFilename() == null ? "contacts.csv" : file.getOriginalFilename();
        try (InputStream in = file.getInputStream()) {
            return ApiResponse.of(
                    imports.create(in, name, new ImportOptions(defaultCountry, onExisting, tags, mapping)));
        }
    }

    @PostMapping(consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Like the multipart import, the file as the raw body (name it with ?filename=)")
    ApiResponse<ContactImport> createRaw(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String filename,
            @RequestParam(required = false) @Nullable String defaultCountry,
            @RequestParam(required = false) @Nullable String onExisting,
            @RequestParam(required = false) @Nullable List<String> tags,
            @RequestParam(required = false) @Nullable String mapping)
            throws IOException {
        if (request.getContentLengthLong() > imports.maxUploadBytes()) {
            throw tooLarge();
        }
        return ApiResponse.of(imports.create(
                request.getInputStream(),
                filename == null ? "contacts.csv" : filename,
                new ImportOptions(defaultCountry, onExisting, tags, mapping)));
    }

    @GetMapping
    @Operation(summary = "Import history, newest first")
    ApiResponse<PageResponse<ContactImport>> list(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(imports.list(cursor, limit));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One import: status, counts and progress")
    ApiResponse<ContactImport> get(@PathVariable UUID id) {
        return ApiResponse.of(imports.get(id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Stop an import",
            description = "A queued import stops at once, a running one after its current batch (contacts merged"
                    + " so far stay; undo removes them). An ended import: 409.")
    ApiResponse<ContactImport> cancel(@PathVariable UUID id) {
        return ApiResponse.of(imports.cancel(id));
    }

    @PostMapping("/{id}/undo")
    @Operation(
            summary = "Delete the contacts this import created",
            description = "Contacts it updated keep their new values. Only once it has ended, and only once: 409.")
    ApiResponse<ContactImport> undo(@PathVariable UUID id) {
        return ApiResponse.of(imports.undo(id));
    }

    @GetMapping(path = "/{id}/errors.csv", produces = "text/csv")
    @Operation(
            summary = "The rejected rows: the file's columns plus an error column (UTF-8 with BOM)",
            responses =
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(
                            responseCode = "200",
                            description = "The CSV file",
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    void errors(@PathVariable UUID id, @Parameter(hidden = true) HttpServletResponse response) throws IOException {
        imports.get(id); // 404 before anything is written
        response.setStatus(200);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("import-" + id + "-errors.csv")
                        .build()
                        .toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        int[] width = {0};
        imports.rejectedRows(
                id,
                headers -> {
                    width[0] = headers.size();
                    List<String> line = new ArrayList<>(headers);
                    line.add("error");
                    write(out, "\uFEFF" + csvLine(line));
                },
                rejected -> {
                    List<String> line = new ArrayList<>(rejected.cells());
                    while (line.size() < width[0]) {
                        line.add("");
                    }
                    line.add(rejected.error());
                    write(out, csvLine(line));
                });
        out.flush();
    }

    private static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(ContactsCsv.text(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    private static void write(Writer out, String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiException tooLarge() {
        return new ApiException(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload_too_large",
                "The file is larger than " + imports.maxUploadBytes() / (1024 * 1024)
                        + " MB, the largest import allowed");
    }
}
