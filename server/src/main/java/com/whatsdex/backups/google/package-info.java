/** Backups: the google part. */
@NullMarked
package com.whatsdex.backups.google;

import org.jspecify.annotations.NullMarked;
