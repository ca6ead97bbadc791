/**
 * Channels: the workspace's WhatsApp numbers (Cloud API or the built-in sandbox), their encrypted credentials,
 * connection status and the webhook handshake. The root package is the API other modules use: {@link
 * com.whatsdex.channels.ChannelsApi} and the {@link com.whatsdex.channels.SandboxNumbers} port the sandbox module
 * implements.
 */
@NullMarked
package com.whatsdex.channels;

import org.jspecify.annotations.NullMarked;
