package com.whatsdex.sandbox.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters for load tests: what the emulator accepted, refused and posted since it started. */
public final class SandboxStats {

    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final LongAdder webhookPosts = new LongAdder();
    final LongAdder statusesPosted = new LongAdder();
    final LongAdder inboundPosted = new LongAdder();
    final LongAdder webhookFailures = new LongAdder();
    final LongAdder dropped = new LongAdder();

    public Map<String, Long> snapshot() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("accepted", accepted.sum());
        map.put("refused", refused.sum());
        map.put("rateLimited", rateLimited.sum());
        map.put("webhookPosts", webhookPosts.sum());
        map.put("statusesPosted", statusesPosted.sum());
        map.put("inboundPosted", inboundPosted.sum());
        map.put("webhookFailures", webhookFailures.sum());
        map.put("dropped", dropped.sum());
        return map;
    }
}
