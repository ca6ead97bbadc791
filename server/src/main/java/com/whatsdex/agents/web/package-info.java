/** The agents' and facts' HTTP endpoints. */
@NullMarked
package com.whatsdex.agents.web;

import org.jspecify.annotations.NullMarked;
