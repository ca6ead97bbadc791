/**
 * Contact import: a CSV file streamed into the database, then parsed (encoding and delimiter sniffed, RFC 4180),
 * mapped, validated and merged set-wise in checkpointed batches by a background job. Internal to contacts.
 */
@NullMarked
package com.whatsdex.contacts.importing;

import org.jspecify.annotations.NullMarked;
