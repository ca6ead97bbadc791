/**
 * Campaigns: broadcasts of one message to a materialised snapshot of contacts through a channel or a pool, paced,
 * inside an optional send window, each recipient sent exactly once. The root package holds the views the API
 * returns; the work is in {@code domain} and the HTTP surface in {@code web}.
 */
@NullMarked
package com.whatsdex.campaigns;

import org.jspecify.annotations.NullMarked;
