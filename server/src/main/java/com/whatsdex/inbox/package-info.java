/**
 * The inbox: one conversation per contact across every channel of the workspace, its thread, replies through the
 * channel that last talked to the contact, read state, status and assignment. The root package holds the views the
 * API returns; storage and rules are in {@code domain}, the HTTP surface in {@code web}. Conversation rows are kept
 * by a database trigger on messages (V16), so no sender needs to know about the inbox.
 */
@NullMarked
package com.whatsdex.inbox;

import org.jspecify.annotations.NullMarked;
