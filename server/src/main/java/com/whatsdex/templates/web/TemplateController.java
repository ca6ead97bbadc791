package com.whatsdex.templates.web;

import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.templates.TemplateView;
import com.whatsdex.templates.domain.TemplateService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/templates")
@Tag(name = "templates")
class TemplateController {

    @Schema(name = "SaveTemplateCmd")
    record TemplateCmd(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            @NotNull(message = "is required") TemplateView.Category category,

            @NotBlank(message = "is required") @Size(max = 4096, message = "must be at most 4096 characters")
            String body,

            @Nullable @Valid MediaCmd media,
            @Nullable @Valid MetaCmd meta) {}

    @Schema(name = "TemplateMediaCmd")
    record MediaCmd(
            @NotBlank(message = "is required")
            @Pattern(regexp = "image|video|document", message = "must be image, video or document")
            String kind,

            @NotBlank(message = "is required")
            @Size(max = 2000, message = "must be at most 2000 characters")
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            String url) {}

    @Schema(name = "TemplateMetaCmd")
    record MetaCmd(
            @NotBlank(message = "is required") @Size(max = 512, message = "must be at most 512 characters")
            String name,

            @NotBlank(message = "is required")
            @Pattern(regexp = "[a-z]{2,3}(_[A-Z]{2})?", message = "must be a language code such as en or pt_BR")
            String language,

            @Nullable @Size(max = 20, message = "must have at most 20 parameters")
            List<@NotNull String> parameters) {}

    record RenderCmd(
            @NotBlank(message = "is required") @Size(max = 4096, message = "must be at most 4096 characters")
            String body,

            @Nullable UUID contactId,
            @Nullable Long seed) {}

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    @GetMapping
    @Operation(summary = "List templates", description = "Newest first; search matches the name or the body.")
    ApiResponse<PageResponse<TemplateView>> list(
            @RequestParam(required = false) @Nullable String search,
            @RequestParam(required = false) TemplateView.@Nullable Category category,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(templates.list(search, category, limit, cursor));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create a template",
            description = "The body and every Meta parameter must parse: a syntax error answers 400 with its"
                    + " position. A name already used in the workspace answers 409 duplicate_name.")
    ApiResponse<TemplateView> create(@Valid @RequestBody TemplateCmd cmd) {
        return ApiResponse.of(templates.create(fields(cmd)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a template")
    ApiResponse<TemplateView> get(@PathVariable UUID id) {
        return ApiResponse.of(templates.get(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a template")
    ApiResponse<TemplateView> update(@PathVariable UUID id, @Valid @RequestBody TemplateCmd cmd) {
        return ApiResponse.of(templates.update(id, fields(cmd)));
    }

    @PostMapping("/{id}/duplicate")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Duplicate a template", description = "The copy is named \"… (copy)\".")
    ApiResponse<TemplateView> duplicate(@PathVariable UUID id) {
        return ApiResponse.of(templates.duplicate(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a template")
    void delete(@PathVariable UUID id) {
        templates.delete(id);
    }

    @PostMapping("/render")
    @Operation(
            summary = "Preview a body for a contact",
            description = "Variables take the contact's values (or their defaults; without a contact, only defaults);"
                    + " spintax picks one alternative from the seed, so the same seed always renders the same text.")
    ApiResponse<TemplateService.Preview> render(@Valid @RequestBody RenderCmd cmd) {
        return ApiResponse.of(templates.preview(cmd.body(), cmd.contactId(), cmd.seed()));
    }

    private static TemplateService.TemplateFields fields(TemplateCmd cmd) {
        return new TemplateService.TemplateFields(
                cmd.name(),
                cmd.category(),
                cmd.body(),
                cmd.media() == null
                        ? null
                        : new TemplateView.Media(cmd.media().kind(), cmd.media().url()),
                cmd.meta() == null
                        ? null
                        : new TemplateView.Meta(
                                cmd.meta().name(),
                                cmd.meta().language(),
                                cmd.meta().parameters() == null
                                        ? List.of()
                                        : cmd.meta().parameters()));
    }
}
