/** Rollup storage, the aggregator job and the analytics queries. */
@NullMarked
package com.whatsdex.analytics.domain;

import org.jspecify.annotations.NullMarked;
