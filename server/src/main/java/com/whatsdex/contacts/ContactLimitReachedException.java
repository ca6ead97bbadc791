package com.whatsdex.contacts;

import com.whatsdex.shared.ApiErrorResponse;
import com.whatsdex.shared.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The workspace holds as many contacts as its plan allows: 409 {@code contact_limit_reached}. Unlike the monthly
 * message limit, waiting does not help (no {@code Retry-After}): delete contacts or upgrade.
 */
public final class ContactLimitReachedException extends ApiException {

    public ContactLimitReachedException(long limit) {
        super(
                HttpStatus.CONFLICT,
                "contact_limit_reached",
                "This workspace has reached its plan's limit of " + limit
                        + " contacts; delete contacts or upgrade the plan",
                List.of(new ApiErrorResponse.FieldError("plan", "limit " + limit)));
    }
}
