package com.whatsdex.channels;

/**
 * Calls the WhatsApp Cloud API (Meta's Graph API, or the sandbox, which speaks the same API) for a channel. One
 * code path for both, so what the tests exercise against the sandbox is what runs against Meta.
 */
public interface WhatsAppSender {

    SendOutcome send(ChannelCredentials channel, OutboundContent content);

    /** Marks an inbound message read (blue ticks); the outcome carries the same failures as a send. */
    SendOutcome markRead(ChannelCredentials channel, String wamid);
}
