package com.whatsdex.tenancy.web;

import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.tenancy.WorkspaceView;
import com.whatsdex.tenancy.domain.Commands.AddMemberCmd;
import com.whatsdex.tenancy.domain.Commands.ChangeRoleCmd;
import com.whatsdex.tenancy.domain.Commands.UpdateWorkspaceCmd;
import com.whatsdex.tenancy.domain.MemberService;
import com.whatsdex.tenancy.domain.MemberService.MemberView;
import com.whatsdex.tenancy.domain.WorkspaceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
@RequestMapping("/api/v1/workspace")
@Tag(name = "workspace")
class WorkspaceController {

    private final WorkspaceService workspaces;
    private final MemberService members;

    WorkspaceController(WorkspaceService workspaces, MemberService members) {
        this.workspaces = workspaces;
        this.members = members;
    }

    @GetMapping
    @Operation(summary = "The current workspace, its plan in force and the plan's limits")
    ApiResponse<WorkspaceView> get() {
        return ApiResponse.of(workspaces.currentWorkspace());
    }

    @PatchMapping
    @Operation(summary = "Change name, time zone or default country (owners and admins)")
    ApiResponse<WorkspaceView> update(@Valid @RequestBody UpdateWorkspaceCmd cmd) {
        return ApiResponse.of(workspaces.update(cmd));
    }

    @GetMapping("/members")
    @Operation(summary = "The team")
    ApiResponse<PageResponse<MemberView>> members(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(members.list(cursor, Cursors.limit(limit)));
    }

    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a member with an initial password (owners and admins)")
    ApiResponse<MemberView> addMember(@Valid @RequestBody AddMemberCmd cmd) {
        return ApiResponse.of(members.add(cmd));
    }

    @PatchMapping("/members/{userId}")
    @Operation(summary = "Change a member's role")
    ApiResponse<MemberView> changeRole(@PathVariable UUID userId, @Valid @RequestBody ChangeRoleCmd cmd) {
        return ApiResponse.of(members.changeRole(userId, cmd.role()));
    }

    @DeleteMapping("/members/{userId}")
    @Operation(summary = "Remove a member; their sessions end")
    ApiResponse<Void> removeMember(@PathVariable UUID userId) {
        members.remove(userId);
        return ApiResponse.empty();
    }
}
