/** HTTP endpoints of campaigns. */
@NullMarked
package com.whatsdex.campaigns.web;

import org.jspecify.annotations.NullMarked;
