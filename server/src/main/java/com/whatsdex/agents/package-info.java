/**
 * AI agents: personas that answer customers on the channels bound to them, through the outbound pipeline, with the
 * conversation's recent history and every fact the workspace remembers about the contact. The model keeps that
 * memory itself with tools (remember, update, forget a fact). The root package holds the views the API returns;
 * storage, the reply job and the tools are in {@code domain}, the HTTP surface in {@code web}.
 */
@NullMarked
package com.whatsdex.agents;

import org.jspecify.annotations.NullMarked;
