package com.whatsdex.templates;

import com.whatsdex.shared.ApiErrorResponse;
import com.whatsdex.shared.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A body that does not parse: 400 {@code validation_failed} naming the position (0-based character offset). */
public final class TemplateSyntaxException extends ApiException {

    private final int position;

    public TemplateSyntaxException(String field, int position, String problem) {
        super(
                HttpStatus.BAD_REQUEST,
                "validation_failed",
                problem + " at position " + position,
                List.of(new ApiErrorResponse.FieldError(field, problem + " at position " + position)));
        this.position = position;
    }

    public int position() {
        return position;
    }
}
