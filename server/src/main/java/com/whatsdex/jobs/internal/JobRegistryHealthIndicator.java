package com.whatsdex.jobs.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code jobRegistry} under {@code /actuator/health}: UP when every worker group's scheduler runs, DOWN while they
 * start or after one stopped, with each group's threads, polling interval and running executions.
 */
@Component("jobRegistryHealthIndicator")
class JobRegistryHealthIndicator implements HealthIndicator {

    private final JobRegistry registry;

    JobRegistryHealthIndicator(JobRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        List<JobRegistry.GroupStatus> groups = registry.status();
        Map<String, Object> details = new LinkedHashMap<>();
        for (JobRegistry.GroupStatus group : groups) {
            details.put(
                    group.group().name(),
                    Map.of(
                            "threads", group.threads(),
                            "pollInterval", group.pollInterval().toString(),
                            "started", group.started(),
                            "running", group.healthy(),
                            "executing", group.executing(),
                            "tasks", group.tasks()));
        }
        boolean up = !groups.isEmpty() && groups.stream().allMatch(JobRegistry.GroupStatus::healthy);
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
