/** The analytics HTTP API under {@code /api/v1/analytics}. */
@NullMarked
package com.whatsdex.analytics.web;

import org.jspecify.annotations.NullMarked;
