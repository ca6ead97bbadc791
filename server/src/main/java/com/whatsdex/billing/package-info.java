/**
 * Usage against the plan: real-time counters that the outbound pipeline checks and increments atomically before
 * a message leaves, so no race lets a workspace exceed its monthly limit.
 */
@NullMarked
package com.whatsdex.billing;

import org.jspecify.annotations.NullMarked;
