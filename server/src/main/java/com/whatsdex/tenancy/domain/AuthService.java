package com.whatsdex.tenancy.domain;

import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.Role;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WorkspacePrincipal;
import com.whatsdex.tenancy.Authenticator;
import com.whatsdex.tenancy.PlanProperties;
import com.whatsdex.tenancy.WorkspaceView;
import com.whatsdex.tenancy.domain.Commands.LoginCmd;
import com.whatsdex.tenancy.domain.Commands.RegisterCmd;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration, sign-in and sign-out, and the lookups that turn a cookie or an API key into a principal. */
@Service
public class AuthService implements Authenticator {

    public static final Duration SESSION_LIFETIME = Duration.ofDays(14);
    static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);
    static final int MAX_FAILURES_PER_EMAIL = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 30;

    public record UserView(UUID id, String email, String name, Role role) {}

    public record Me(UserView user, WorkspaceView workspace) {}

    public record SignedIn(Me me, String sessionToken) {}

    private final UserRepository users;
    private final WorkspaceRepository workspaces;
    private final SessionRepository sessions;
    private final ApiKeyRepository apiKeys;
    private final Passwords passwords;
    private final PlanProperties plans;
    private final TransactionTemplate tx;
    private final Clock clock;

    AuthService(
            UserRepository users,
            WorkspaceRepository workspaces,
            SessionRepository sessions,
            ApiKeyRepository apiKeys,
            Passwords passwords,
            PlanProperties plans,
            TransactionTemplate tx,
            Clock clock) {
        this.users = users;
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.passwords = passwords;
        this.plans = plans;
        this.tx = tx;
        this.clock = clock;
    }

    public SignedIn register(RegisterCmd cmd) {
        String email = cmd.email().trim().toLowerCase(Locale.ROOT);
        UUID workspaceId = Ids.newId();
        UUID userId = Ids.newId();
        String hash = passwords.hash(cmd.password());
        Instant now = clock.instant();
        String token = Tokens.random();
        TenantContext.callAs(
                new TenantContext.Scope(workspaceId, userId),
                () -> tx.execute(status -> {
                    if (users.emailTaken(email)) {
                        throw new ApiException(
                                HttpStatus.CONFLICT,
                                "conflict",
                                "An account with this email already exists",
                                List.of(new com.whatsdex.shared.ApiErrorResponse.FieldError(
                                        "email", "is already registered; sign in instead")));
                    }
                    workspaces.insert(
                            workspaceId,
                            cmd.workspaceName().trim(),
                            plans.trialPlan(),
                            now.plus(Duration.ofDays(plans.trialDays())),
                            "UTC",
                            "US");
                    users.insertUser(userId, email, hash, cmd.name().trim());
                    users.insertMember(workspaceId, userId, Role.owner);
                    sessions.insert(Tokens.hash(token), userId, workspaceId, now.plus(SESSION_LIFETIME));
                    return null;
                }));
        return new SignedIn(me(new TenantContext.Scope(workspaceId, userId)), token);
    }

    public SignedIn login(LoginCmd cmd, String remoteAddress) {
        String email = cmd.email().trim().toLowerCase(Locale.ROOT);
        String emailSubject = "email:" + email;
        String addressSubject = "ip:" + remoteAddress;
        Instant now = clock.instant();
        Instant since = now.minus(THROTTLE_WINDOW);
        // each attempt counts as a failure from before its password is checked, so a burst of concurrent guesses
        // gets no more than the limit through
        long emailAttempt = attempt(emailSubject, MAX_FAILURES_PER_EMAIL, since, now);
        long addressAttempt;
        try {
            addressAttempt = attempt(addressSubject, MAX_FAILURES_PER_ADDRESS, since, now);
        } catch (ThrottledException e) {
            sessions.deleteAttempt(emailAttempt);
            throw e;
        }

        Optional<UserRepository.Credentials> credentials = users.credentials(email);
        boolean ok;
        if (credentials.isPresent()) {
            ok = passwords.matches(cmd.password(), credentials.get().passwordHash());
        } else {
            passwords.burnTime(cmd.password());
            ok = false;
        }
        if (!ok) { // both attempts stay as failures
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Email or password is incorrect");
        }
        UUID userId = credentials.get().userId();
        sessions.clearFailures(emailSubject);
        sessions.deleteAttempt(addressAttempt);
        if (passwords.needsUpgrade(credentials.get().passwordHash())) {
            users.updatePasswordHash(userId, passwords.hash(cmd.password()));
        }
        UserRepository.Membership membership = TenantContext.callAs(
                        new TenantContext.Scope(null, userId), () -> tx.execute(s -> users.ownMembership(userId)))
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNAUTHORIZED, "unauthenticated", "This account no longer belongs to a workspace"));
        String token = Tokens.random();
        sessions.insert(Tokens.hash(token), userId, membership.tenantId(), now.plus(SESSION_LIFETIME));
        return new SignedIn(me(new TenantContext.Scope(membership.tenantId(), userId)), token);
    }

    /** Takes an attempt for the subject (its id), or throws when the subject has failed too often lately. */
    private long attempt(String subject, int max, Instant since, Instant now) {
        Long id = tx.execute(s -> {
            sessions.lockSubject(subject);
            if (sessions.recentFailures(subject, since) >= max) {
                return null;
            }
            return sessions.recordAttempt(subject);
        });
        if (id == null) {
            Instant oldest = sessions.oldestFailureSince(subject, since).orElse(now);
            long retryAfter = Math.max(
                    1, Duration.between(now, oldest.plus(THROTTLE_WINDOW)).toSeconds());
            throw new ThrottledException(retryAfter);
        }
        return id;
    }

    public void logout(String token) {
        sessions.delete(Tokens.hash(token));
    }

    public Me me(TenantContext.Scope scope) {
        return TenantContext.callAs(
                scope,
                () -> tx.execute(s -> {
                    UUID userId = java.util.Objects.requireNonNull(scope.userId());
                    UserRepository.Membership m = users.member(userId).orElseThrow(() -> ApiException.notFound("User"));
                    WorkspaceView workspace = workspaces
                            .find(m.tenantId())
                            .orElseThrow(() -> ApiException.notFound("Workspace"))
                            .view(clock.instant());
                    return new Me(new UserView(m.userId(), m.email(), m.name(), m.role()), workspace);
                }));
    }

    @Override
    public Optional<WorkspacePrincipal> bySessionToken(String token) {
        if (token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = Tokens.hash(token);
        return sessions.findLive(hash).flatMap(session -> {
            var scope = new TenantContext.Scope(session.tenantId(), session.userId());
            Optional<UserRepository.Membership> member =
                    TenantContext.callAs(scope, () -> tx.execute(s -> users.member(session.userId())));
            if (member.isEmpty()) {
                return Optional.empty();
            }
            sessions.touch(hash, clock.instant().plus(SESSION_LIFETIME));
            return Optional.of(new WorkspacePrincipal(
                    session.tenantId(), session.userId(), member.get().role(), WorkspacePrincipal.Kind.SESSION, null));
        });
    }

    @Override
    public Optional<WorkspacePrincipal> byApiKey(String key) {
        return Tokens.apiKeyTenant(key)
                .flatMap(tenantId -> TenantContext.callAs(
                        tenantId,
                        () -> tx.execute(s -> {
                            Optional<ApiKeyRepository.KeyOwner> owner = apiKeys.findByHash(Tokens.hash(key));
                            owner.ifPresent(o -> apiKeys.markUsed(o.id()));
                            return owner.map(o -> new WorkspacePrincipal(
                                    tenantId, o.createdBy(), Role.admin, WorkspacePrincipal.Kind.API_KEY, o.id()));
                        })));
    }

    /** Too many failed sign-ins: 429 with Retry-After. */
    public static final class ThrottledException extends ApiException {
        private final long retryAfterSeconds;

        ThrottledException(long retryAfterSeconds) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate_limited",
                    "Too many failed sign-ins; try again in " + Math.ceilDiv(retryAfterSeconds, 60) + " minute(s)");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
