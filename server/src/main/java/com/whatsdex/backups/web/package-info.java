/** Backups: the web part. */
@NullMarked
package com.whatsdex.backups.web;

import org.jspecify.annotations.NullMarked;
