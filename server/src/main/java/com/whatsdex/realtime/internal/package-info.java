/**
 * How events travel: pg_notify right after the publisher's transaction commits, one LISTEN session per instance,
 * and the registry of this instance's open streams.
 */
@NullMarked
package com.whatsdex.realtime.internal;

import org.jspecify.annotations.NullMarked;
