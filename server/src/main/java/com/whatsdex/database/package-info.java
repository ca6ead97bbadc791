/**
 * PostgreSQL: the embedded server (default, data under the data dir) or an external one, Flyway migrations run
 * as the owner role, the application pool as a plain role, and the transaction manager that sets the workspace
 * for row-level security at the start of every transaction.
 */
@NullMarked
package com.whatsdex.database;

import org.jspecify.annotations.NullMarked;
