/**
 * Messaging: every message in and out, the WhatsApp webhook ingest (inbound messages, delivery statuses), the media
 * store. The root package is the API other modules use: {@link com.whatsdex.messaging.MessagingApi} and
 * {@link com.whatsdex.messaging.MessageView}.
 */
@NullMarked
package com.whatsdex.messaging;

import org.jspecify.annotations.NullMarked;
