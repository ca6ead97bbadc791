package com.whatsdex.channels;

/** Why a send was refused, from Meta's error codes; {@link #retryable()} says whether trying later may work. */
public enum SendFailure {
    /** 130429 (throughput) and 131056 (pair rate): nothing was sent, try again later. */
    rate_limited(true),
    /** 131047: free text outside the 24-hour window; only a template can reach the contact. */
    outside_service_window(false),
    /** 131026: the number is not on WhatsApp or cannot receive. */
    undeliverable(false),
    /** 131050: the user stopped marketing messages. */
    opted_out(false),
    /** 190 or HTTP 401: the access token was rejected; the channel needs attention. */
    auth(false),
    /** 100 and other 4xx: the request itself was wrong. */
    invalid_request(false),
    /** A server error or a connection refused before anything was written: nothing was sent. */
    temporarily_unavailable(true),
    /** Any other error Meta reports. */
    failed(false);

    private final boolean retryable;

    SendFailure(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public static SendFailure ofMetaCode(int code, int httpStatus) {
        return switch (code) {
            case 130429, 131056, 4, 80007 -> rate_limited;
            case 131047 -> outside_service_window;
            case 131026 -> undeliverable;
            case 131050 -> opted_out;
            case 190 -> auth;
            case 100 -> invalid_request;
            default -> {
                if (httpStatus == 401) {
                    yield auth;
                }
                if (httpStatus >= 500) {
                    yield temporarily_unavailable;
                }
                yield failed;
            }
        };
    }
}
