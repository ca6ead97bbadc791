package com.whatsdex.channels;

/** Whether a channel can send. Constants are lower case because they are the wire format. */
public enum ChannelStatus {
    connected,
    disconnected,
    /** The last connection test failed; the channel's {@code statusReason} says why. */
    error
}
