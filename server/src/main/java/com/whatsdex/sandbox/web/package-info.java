/** The Graph API emulator's HTTP endpoints on the application's port. */
@NullMarked
package com.whatsdex.sandbox.web;

import org.jspecify.annotations.NullMarked;
