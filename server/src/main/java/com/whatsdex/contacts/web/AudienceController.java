package com.whatsdex.contacts.web;

import com.whatsdex.contacts.domain.Audience;
import com.whatsdex.contacts.domain.AudienceFilter;
import com.whatsdex.contacts.domain.AudienceService;
import com.whatsdex.contacts.domain.AudienceService.SaveAudienceCmd;
import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audiences")
@Tag(name = "audiences")
class AudienceController {

    /** An audience with the number of contacts it means right now. */
    @Schema(name = "Audience")
    record AudienceResponse(
            UUID id, String name, AudienceFilter filter, long count, Instant createdAt, Instant updatedAt) {

        static AudienceResponse of(AudienceService.Counted counted) {
            Audience a = counted.audience();
            return new AudienceResponse(a.id(), a.name(), a.filter(), counted.count(), a.createdAt(), a.updatedAt());
        }
    }

    record AudienceCount(long count) {}

    private final AudienceService audiences;

    AudienceController(AudienceService audiences) {
        this.audiences = audiences;
    }

    @GetMapping
    @Operation(summary = "The workspace's audiences by name, each with its live count (one page)")
    ApiResponse<PageResponse<AudienceResponse>> list() {
        return ApiResponse.of(new PageResponse<>(
                audiences.list().stream().map(AudienceResponse::of).toList(), null));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Save a filter as an audience; another audience with the name: 409")
    ApiResponse<AudienceResponse> create(@Valid @RequestBody SaveAudienceCmd cmd) {
        return ApiResponse.of(AudienceResponse.of(audiences.create(cmd)));
    }

    @PostMapping("/count")
    @Operation(summary = "How many contacts a filter means now, before saving it (the builder's live count)")
    ApiResponse<AudienceCount> preview(@Valid @RequestBody AudienceFilter filter) {
        return ApiResponse.of(new AudienceCount(audiences.previewCount(filter)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One audience with its live count")
    ApiResponse<AudienceResponse> get(@PathVariable UUID id) {
        return ApiResponse.of(AudienceResponse.of(audiences.get(id)));
    }

    @GetMapping("/{id}/count")
    @Operation(summary = "How many contacts the audience means now")
    ApiResponse<AudienceCount> count(@PathVariable UUID id) {
        return ApiResponse.of(new AudienceCount(audiences.count(id)));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename an audience or change its filter")
    ApiResponse<AudienceResponse> update(@PathVariable UUID id, @Valid @RequestBody SaveAudienceCmd cmd) {
        return ApiResponse.of(AudienceResponse.of(audiences.update(id, cmd)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an audience (its contacts stay)")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        audiences.delete(id);
        return ApiResponse.empty();
    }
}
