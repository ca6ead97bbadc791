/** Storage and rules of templates. */
@NullMarked
package com.whatsdex.templates.domain;

import org.jspecify.annotations.NullMarked;
