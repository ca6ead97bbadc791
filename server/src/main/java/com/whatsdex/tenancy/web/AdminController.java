package com.whatsdex.tenancy.web;

import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.tenancy.Plan;
import com.whatsdex.tenancy.WorkspaceView;
import com.whatsdex.tenancy.domain.WorkspaceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The platform operator's endpoints, behind {@code WHATSDEX_ADMIN_TOKEN}. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "admin")
class AdminController {

    /** @param plan the plan to set; null returns the workspace to its trial, then starter */
    record SetPlanRequest(@Nullable Plan plan) {}

    private final WorkspaceService workspaces;

    AdminController(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    @PutMapping("/workspaces/{id}/plan")
    @Operation(summary = "Set a workspace's plan (platform operator)")
    ApiResponse<WorkspaceView> setPlan(@PathVariable UUID id, @Valid @RequestBody SetPlanRequest request) {
        // the operator acts inside the workspace it names, under that workspace's row-level security
        return ApiResponse.of(TenantContext.callAs(id, () -> workspaces.setPlan(id, request.plan())));
    }
}
