/**
 * Analytics: daily and monthly message rollups ({@code stats_daily}, {@code stats_monthly}) kept by the
 * {@code analytics} worker group from marks the database leaves on every message change (V17), and the dashboard's
 * and usage page's numbers, none of which reads the messages table beyond a top-10 of recent activity. The root
 * package holds the views the API returns; the work is in {@code domain}, the HTTP surface in {@code web}.
 */
@NullMarked
package com.whatsdex.analytics;

import org.jspecify.annotations.NullMarked;
