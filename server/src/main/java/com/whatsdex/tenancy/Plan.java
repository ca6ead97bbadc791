package com.whatsdex.tenancy;

/**
 * The plans and every limit and feature they carry: the one place they are defined. Constants are lower case
 * because they are the wire format.
 */
public enum Plan {
    starter(new PlanLimits(1_000, 1, 1, 5_000, false, false, false)),
    pro(new PlanLimits(10_000, 3, 5, 100_000, true, true, false)),
    enterprise(new PlanLimits(10_000_000, 100, 100, 10_000_000, true, true, true));

    private final PlanLimits limits;

    Plan(PlanLimits limits) {
        this.limits = limits;
    }

    public PlanLimits limits() {
        return limits;
    }

    /** The cheapest plan that has a feature, for {@code upgrade_required} answers. */
    public static Plan cheapestWith(java.util.function.Predicate<PlanLimits> feature) {
        for (Plan plan : values()) {
            if (feature.test(plan.limits)) {
                return plan;
            }
        }
        return enterprise;
    }
}
