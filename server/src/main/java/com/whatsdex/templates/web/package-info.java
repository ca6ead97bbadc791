/** HTTP endpoints of templates. */
@NullMarked
package com.whatsdex.templates.web;

import org.jspecify.annotations.NullMarked;
