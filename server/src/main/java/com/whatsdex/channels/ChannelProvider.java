package com.whatsdex.channels;

/** Who carries a channel's messages. Constants are lower case because they are the wire format. */
public enum ChannelProvider {
    /** Meta's WhatsApp Cloud API (Graph API over HTTPS). */
    whatsapp_cloud,
    /** The built-in emulator of the Graph API: try everything without a Meta account. */
    sandbox
}
