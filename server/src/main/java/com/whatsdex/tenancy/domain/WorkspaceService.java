package com.whatsdex.tenancy.domain;

import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Principals;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.tenancy.Plan;
import com.whatsdex.tenancy.PlanLimits;
import com.whatsdex.tenancy.TenancyApi;
import com.whatsdex.tenancy.WorkspaceView;
import com.whatsdex.tenancy.domain.Commands.UpdateWorkspaceCmd;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class WorkspaceService implements TenancyApi {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final Clock clock;

    WorkspaceService(WorkspaceRepository workspaces, UserRepository users, Clock clock) {
        this.workspaces = workspaces;
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isMember(UUID userId) {
        return users.member(userId).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public WorkspaceView currentWorkspace() {
        return load(TenantContext.requireTenantId()).view(clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public void requireFeature(String featureName, Predicate<PlanLimits> feature) {
        if (!feature.test(currentWorkspace().limits())) {
            throw ApiException.upgradeRequired(
                    featureName, Plan.cheapestWith(feature).name());
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Plan planOf(UUID workspaceId) {
        return load(workspaceId).effectivePlan(clock.instant());
    }

    @Transactional
    public WorkspaceView update(UpdateWorkspaceCmd cmd) {
        Principals.requireManager("change workspace settings");
        WorkspaceRecord current = load(TenantContext.requireTenantId());
        String timeZone = cmd.timeZone() == null ? current.timeZone() : validZone(cmd.timeZone());
        String country = cmd.defaultCountry() == null ? current.defaultCountry() : validCountry(cmd.defaultCountry());
        String name = cmd.name() == null ? current.name() : cmd.name().trim();
        if (name.isEmpty()) {
            throw ApiException.validation("name", "must not be blank");
        }
        workspaces.update(current.id(), name, timeZone, country);
        return load(current.id()).view(clock.instant());
    }

    /** The operator sets a workspace's plan; {@code null} returns it to trial, then starter. */
    @Transactional
    public WorkspaceView setPlan(UUID workspaceId, @Nullable Plan plan) {
        if (!workspaces.setPlan(workspaceId, plan)) {
            throw ApiException.notFound("Workspace");
        }
        return load(workspaceId).view(clock.instant());
    }

    private WorkspaceRecord load(UUID id) {
        return workspaces.find(id).orElseThrow(() -> ApiException.notFound("Workspace"));
    }

    static String validZone(String zone) {
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw ApiException.validation("timeZone", "must be an IANA time zone such as Africa/Lagos");
        }
        return zone;
    }

    static String validCountry(String country) {
        if (!COUNTRIES.contains(country)) {
            throw ApiException.validation("defaultCountry", "is not an ISO 3166 country code");
        }
        return country;
    }
}
