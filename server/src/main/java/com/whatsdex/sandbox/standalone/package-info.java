/** The sandbox as its own process, for load tests: no Spring context, no database. */
@NullMarked
package com.whatsdex.sandbox.standalone;

import org.jspecify.annotations.NullMarked;
