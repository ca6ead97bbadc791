/**
 * Backups to Google Drive: linking a Google account (OAuth 2.0 with PKCE), streamed archives of everything a
 * workspace owns uploaded with Drive's resumable upload, retention, the schedule, and restore into an empty
 * workspace. The root package holds the views the API returns; the Google HTTP clients are in {@code google}, the
 * archive, jobs and storage in {@code domain}, the HTTP surface in {@code web}.
 */
@NullMarked
package com.whatsdex.backups;

import org.jspecify.annotations.NullMarked;
