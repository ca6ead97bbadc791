package com.whatsdex.billing;

import com.whatsdex.shared.ApiErrorResponse;
import com.whatsdex.shared.ApiException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The plan's limit for the period is used up: 429 {@code usage_limit_reached}, retry when the month turns. */
public final class UsageLimitReachedException extends ApiException {

    private final long retryAfterSeconds;

    public UsageLimitReachedException(UsageMetric metric, long limit, Duration untilNextPeriod) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                "usage_limit_reached",
                "This workspace has used all " + limit + " " + metric.name().replace('_', ' ')
                        + " of its plan this month; upgrade the plan or wait for next month",
                List.of(new ApiErrorResponse.FieldError("plan", "limit " + limit)));
        this.retryAfterSeconds = Math.max(1, untilNextPeriod.toSeconds());
    }

    @Override
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
