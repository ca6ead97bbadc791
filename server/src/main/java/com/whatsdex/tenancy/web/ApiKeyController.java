package com.whatsdex.tenancy.web;

import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.tenancy.domain.ApiKeyService;
import com.whatsdex.tenancy.domain.ApiKeyService.ApiKeyView;
import com.whatsdex.tenancy.domain.ApiKeyService.CreatedApiKey;
import com.whatsdex.tenancy.domain.Commands.CreateApiKeyCmd;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "api-keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "The workspace's API keys (never the keys themselves)")
    ApiResponse<PageResponse<ApiKeyView>> list(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(keys.list(cursor, Cursors.limit(limit)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a key; the answer is the only time the key is shown")
    ApiResponse<CreatedApiKey> create(@Valid @RequestBody CreateApiKeyCmd cmd) {
        return ApiResponse.of(keys.create(cmd.name()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key")
    ApiResponse<Void> revoke(@PathVariable UUID id) {
        keys.revoke(id);
        return ApiResponse.empty();
    }
}
