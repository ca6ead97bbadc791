/** Conversation storage and the inbox's rules (reply channel, 24-hour window, read state, assignment). */
@NullMarked
package com.whatsdex.inbox.domain;

import org.jspecify.annotations.NullMarked;
