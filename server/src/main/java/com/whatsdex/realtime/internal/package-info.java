/**
 * How events travel: pg_notify inside the publisher's transaction, one LISTEN session per instance, and the
 * registry of this instance's open streams.
 */
@NullMarked
package com.whatsdex.realtime.internal;

import org.jspecify.annotations.NullMarked;
