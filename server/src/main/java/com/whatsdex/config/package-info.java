/** Cross-cutting web setup: the security chain, the error envelope for every failure path, the dashboard's files. */
@NullMarked
package com.whatsdex.config;

import org.jspecify.annotations.NullMarked;
