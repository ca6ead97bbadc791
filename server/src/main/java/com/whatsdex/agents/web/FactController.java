package com.whatsdex.agents.web;

import com.whatsdex.agents.FactView;
import com.whatsdex.agents.domain.FactService;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/contacts/{contactId}/facts")
@Tag(name = "contacts")
class FactController {

    @Schema(name = "SaveFactCmd")
    record FactCmd(
            @NotBlank(message = "is required") @Size(max = 500, message = "must be at most 500 characters")
            String fact) {}

    private final FactService facts;

    FactController(FactService facts) {
        this.facts = facts;
    }

    @GetMapping
    @Operation(
            summary = "What the workspace remembers about a contact",
            description = "Facts agents remembered (with the message they came from) or people wrote, oldest first."
                    + " Every agent of this workspace reads all of them; no other workspace sees them.")
    ApiResponse<List<FactView>> list(@PathVariable UUID contactId) {
        return ApiResponse.of(facts.list(contactId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add a fact",
            description = "409 when the contact has the same fact already, or has the most facts a contact keeps.")
    ApiResponse<FactView> create(@PathVariable UUID contactId, @Valid @RequestBody FactCmd cmd) {
        return ApiResponse.of(facts.create(contactId, cmd.fact()));
    }

    @PutMapping("/{factId}")
    @Operation(summary = "Correct a fact")
    ApiResponse<FactView> update(
            @PathVariable UUID contactId, @PathVariable UUID factId, @Valid @RequestBody FactCmd cmd) {
        return ApiResponse.of(facts.update(contactId, factId, cmd.fact()));
    }

    @DeleteMapping("/{factId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Forget a fact")
    void delete(@PathVariable UUID contactId, @PathVariable UUID factId) {
        facts.delete(contactId, factId);
    }
}
