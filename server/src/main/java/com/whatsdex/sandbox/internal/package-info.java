/**
 * The emulator's core, free of Spring and of the database so the standalone server can run it: the engine (numbers,
 * Graph API calls, simulated phones), the webhook dispatcher, the router both HTTP servers share.
 */
@NullMarked
package com.whatsdex.sandbox.internal;

import org.jspecify.annotations.NullMarked;
