package com.whatsdex.tenancy.domain;

import com.whatsdex.shared.ApiErrorResponse;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.shared.Principals;
import com.whatsdex.shared.Role;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WorkspacePrincipal;
import com.whatsdex.tenancy.domain.Commands.AddMemberCmd;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The team: members of the current workspace and their roles. */
@Service
public class MemberService {

    public record MemberView(UUID userId, String email, String name, Role role, Instant createdAt) {}

    private final UserRepository users;
    private final SessionRepository sessions;
    private final Passwords passwords;

    MemberService(UserRepository users, SessionRepository sessions, Passwords passwords) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
    }

    @Transactional(readOnly = true)
    public PageResponse<MemberView> list(@Nullable String cursor, int limit) {
        String after = Cursors.decode(cursor);
        List<MemberView> rows = users.members(after == null ? null : parse(after), limit + 1).stream()
                .map(MemberService::view)
                .toList();
        return Cursors.page(rows, limit, m -> m.userId().toString());
    }

    @Transactional
    public MemberView add(AddMemberCmd cmd) {
        WorkspacePrincipal actor = Principals.requireManager("add team members");
        requireMayGrant(actor, cmd.role());
        String email = cmd.email().trim().toLowerCase(Locale.ROOT);
        if (users.emailTaken(email)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "conflict",
                    "A user with this email already exists",
                    List.of(new ApiErrorResponse.FieldError("email", "already has a WhatsDeX account")));
        }
        UUID userId = Ids.newId();
        users.insertUser(
                userId, email, passwords.hash(cmd.password()), cmd.name().trim());
        users.insertMember(TenantContext.requireTenantId(), userId, cmd.role());
        return view(users.member(userId).orElseThrow());
    }

    @Transactional
    public MemberView changeRole(UUID userId, Role role) {
        WorkspacePrincipal actor = Principals.requireManager("change roles");
        UserRepository.Membership target = users.member(userId).orElseThrow(() -> ApiException.notFound("Member"));
        requireMayGrant(actor, role);
        requireMayGrant(actor, target.role());
        if (target.role() == Role.owner && role != Role.owner && users.countOwners() == 1) {
            throw ApiException.invalidState("A workspace needs at least one owner");
        }
        users.updateRole(userId, role);
        return view(users.member(userId).orElseThrow());
    }

    @Transactional
    public void remove(UUID userId) {
        WorkspacePrincipal actor = Principals.requireManager("remove team members");
        UserRepository.Membership target = users.member(userId).orElseThrow(() -> ApiException.notFound("Member"));
        if (userId.equals(actor.userId())) {
            throw ApiException.invalidState("You cannot remove yourself");
        }
        requireMayGrant(actor, target.role());
        users.deleteMember(userId);
        sessions.deleteForUser(userId);
        users.deleteUser(userId);
    }

    /** Only an owner hands out or takes away the owner role. */
    private static void requireMayGrant(WorkspacePrincipal actor, Role role) {
        if (role == Role.owner && actor.role() != Role.owner) {
            throw ApiException.forbidden("Only owners can manage owners");
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "is not a cursor this API returned");
        }
    }

    private static MemberView view(UserRepository.Membership m) {
        return new MemberView(m.userId(), m.email(), m.name(), m.role(), m.createdAt());
    }
}
