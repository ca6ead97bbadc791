/**
 * Real-time events for the dashboard. A module publishes a {@link com.whatsdex.realtime.RealtimeEvent} through
 * {@link com.whatsdex.realtime.RealtimeEvents} inside its transaction; PostgreSQL NOTIFY carries it to every
 * instance after commit, and each instance forwards it to the open event streams of that workspace.
 */
@NullMarked
package com.whatsdex.realtime;

import org.jspecify.annotations.NullMarked;
