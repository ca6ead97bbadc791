/** The webhook receiver and the messages REST API. */
@NullMarked
package com.whatsdex.messaging.web;

import org.jspecify.annotations.NullMarked;
