package com.whatsdex.sandbox.internal;

import java.util.Base64;

/** What a simulated phone's camera takes: a valid 1×1 PNG, the same every time so tests can compare bytes. */
final class TinyPng {

    static final byte[] BYTES = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private TinyPng() {}
}
