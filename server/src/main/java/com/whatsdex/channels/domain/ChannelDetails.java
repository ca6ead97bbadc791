package com.whatsdex.channels.domain;

import com.whatsdex.channels.ChannelView;
import org.jspecify.annotations.Nullable;

/**
 * A channel as the dashboard shows it: the view plus the webhook verify token, which owners and admins must copy
 * into Meta's console. Null for agents: it is a shared secret.
 */
public record ChannelDetails(ChannelView view, @Nullable String verifyToken) {}
