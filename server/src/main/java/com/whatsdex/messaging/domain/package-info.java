/** Webhook parsing, the status and opt-out rules, message storage and media downloads. Internal to messaging. */
@NullMarked
package com.whatsdex.messaging.domain;

import org.jspecify.annotations.NullMarked;
