/**
 * The emulator's core: the engine (numbers, Graph API calls, simulated phones), the webhook dispatcher and the router
 * both HTTP servers share. Only {@code SandboxConfig} knows Spring and nothing knows the database, so the standalone
 * server runs the same code without either.
 */
@NullMarked
package com.whatsdex.sandbox.internal;

import org.jspecify.annotations.NullMarked;
