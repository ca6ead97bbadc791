package com.whatsdex.contacts.web;

import com.whatsdex.contacts.domain.Contact;
import com.whatsdex.contacts.domain.ContactCommands.BulkDeleteCmd;
import com.whatsdex.contacts.domain.ContactCommands.CreateContactCmd;
import com.whatsdex.contacts.domain.ContactCommands.UpdateContactCmd;
import com.whatsdex.contacts.domain.ContactFilter;
import com.whatsdex.contacts.domain.ContactService;
import com.whatsdex.contacts.domain.ContactSort;
import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "contacts")
class ContactController {

    record BulkDeleteResponse(long deleted) {}

    record CountResponse(long count) {}

    record AttributeKeysResponse(List<String> keys) {}

    private final ContactService contacts;

    ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    @GetMapping
    @Operation(
            summary = "Contacts, one keyset page at a time, filtered and sorted",
            description = "search matches the start of the name, of the name's last word, of the email, or of the"
                    + " phone; a phone may be typed national (the workspace's default country) or international."
                    + " tag (repeatable): contacts with any of the tags. A cursor belongs to its sort.")
    ApiResponse<PageResponse<Contact>> list(
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable List<String> tag,
            @RequestParam(required = false) @Nullable ContactSort sort,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(contacts.list(filter(search, tag), sortOrDefault(sort), limit, cursor));
    }

    @GetMapping("/attribute-keys")
    @Operation(summary = "The custom attribute keys the workspace's contacts use, in name order (at most 500)")
    ApiResponse<AttributeKeysResponse> attributeKeys() {
        return ApiResponse.of(new AttributeKeysResponse(contacts.attributeKeys()));
    }

    @GetMapping("/count")
    @Operation(summary = "How many contacts match the list's filter (without a filter: all, from a counter)")
    ApiResponse<CountResponse> count(
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable List<String> tag) {
        ContactFilter filter = filter(search, tag);
        long n = filter.search() == null && filter.tags().isEmpty() ? contacts.count() : contacts.count(filter);
        return ApiResponse.of(new CountResponse(n));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add a contact",
            description = "The phone is normalised to E.164 with the workspace's default country. Another contact"
                    + " with the phone: 409 duplicate_phone (details name existingContactId). At the plan's limit:"
                    + " 409 contact_limit_reached.")
    ApiResponse<Contact> create(@Valid @RequestBody CreateContactCmd cmd) {
        return ApiResponse.of(contacts.create(cmd));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One contact")
    ApiResponse<Contact> get(@PathVariable UUID id) {
        return ApiResponse.of(contacts.getContact(id));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Edit a contact; absent fields keep their value")
    ApiResponse<Contact> update(@PathVariable UUID id, @Valid @RequestBody UpdateContactCmd cmd) {
        return ApiResponse.of(contacts.update(id, cmd));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a contact")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        contacts.delete(id);
        return ApiResponse.empty();
    }

    @PostMapping("/bulk-delete")
    @Operation(
            summary = "Delete a selection (ids) or every contact matching a filter (the list's search and tags)",
            description = "Ids of other workspaces or of deleted contacts are ignored; answers how many were deleted.")
    ApiResponse<BulkDeleteResponse> bulkDelete(@Valid @RequestBody BulkDeleteCmd cmd) {
        return ApiResponse.of(new BulkDeleteResponse(contacts.bulkDelete(cmd)));
    }

    @GetMapping(path = "/export.csv", produces = "text/csv")
    @Operation(
            summary = "Every contact matching the list's filter as CSV, streamed (UTF-8 with BOM, RFC 4180)",
            responses =
                    @io.swagger.v3.oas.annotations.responses.ApiResponse(
                            responseCode = "200",
                            description = "The CSV file",
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
    void export(
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) @Nullable List<String> tag,
            @RequestParam(required = false) @Nullable @Parameter(description = "defaults to created_at")
                    ContactSort sort,
            HttpServletResponse response)
            throws IOException {
        ContactFilter filter = filter(search, tag);
        response.setStatus(200);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("contacts-" + LocalDate.now(ZoneOffset.UTC) + ".csv")
                        .build()
                        .toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        ContactsCsv csv = new ContactsCsv(out);
        csv.header();
        contacts.export(filter, sortOrDefault(sort), csv::row);
        out.flush();
    }

    private static ContactFilter filter(@Nullable String search, @Nullable List<String> tags) {
        if (search != null && search.length() > 100) {
            throw com.whatsdex.shared.ApiException.validation("search", "must be at most 100 characters");
        }
        return ContactFilter.of(search, tags);
    }

    private static ContactSort sortOrDefault(@Nullable ContactSort sort) {
        return sort == null ? ContactSort.created_at : sort;
    }
}
