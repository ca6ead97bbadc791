/** Backups: the domain part. */
@NullMarked
package com.whatsdex.backups.domain;

import org.jspecify.annotations.NullMarked;
