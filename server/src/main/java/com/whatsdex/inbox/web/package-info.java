/** The inbox's HTTP API under {@code /api/v1/inbox}. */
@NullMarked
package com.whatsdex.inbox.web;

import org.jspecify.annotations.NullMarked;
