/** The channels REST API and the webhook verification handshake. */
@NullMarked
package com.whatsdex.channels.web;

import org.jspecify.annotations.NullMarked;
