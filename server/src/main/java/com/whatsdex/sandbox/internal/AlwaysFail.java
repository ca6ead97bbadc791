package com.whatsdex.sandbox.internal;

import org.jspecify.annotations.Nullable;

/** The documented phone numbers that always fail (see the module's package-info). */
final class AlwaysFail {

    private AlwaysFail() {}

    static MetaErrors.@Nullable StatusError errorFor(String waId, boolean template) {
        if (waId.endsWith("0000")) {
            return MetaErrors.UNDELIVERABLE;
        }
        // marketing opt-out stops templates only: the customer can still be answered inside a conversation
        if (waId.endsWith("0001") && template) {
            return MetaErrors.MARKETING_OPT_OUT;
        }
        return null;
    }
}
