/**
 * Workspaces, users and their roles, plans and their limits, sign-in (browser sessions, API keys, the platform
 * operator). The root package is the API other modules use.
 */
@NullMarked
package com.whatsdex.tenancy;

import org.jspecify.annotations.NullMarked;
