package com.whatsdex.channels;

import org.jspecify.annotations.Nullable;

/** What became of one send. */
public sealed interface SendOutcome {

    /** Meta (or the sandbox) took the message; statuses follow by webhook. */
    record Accepted(String wamid) implements SendOutcome {}

    /** Refused with Meta's error code; nothing was sent. */
    record Rejected(int code, String title, @Nullable String details, SendFailure kind) implements SendOutcome {}

    /**
     * The request may or may not have reached Meta (a timeout or a dropped connection after the request was
     * written). Never retried automatically: the message could go out twice.
     */
    record Unknown(String reason) implements SendOutcome {}
}
