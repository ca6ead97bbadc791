/** Channel storage, credentials, connection tests and plan limits. Internal to the channels module. */
@NullMarked
package com.whatsdex.channels.domain;

import org.jspecify.annotations.NullMarked;
