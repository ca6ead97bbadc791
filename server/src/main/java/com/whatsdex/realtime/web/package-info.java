/** The event stream endpoint. */
@NullMarked
package com.whatsdex.realtime.web;

import org.jspecify.annotations.NullMarked;
