/** Storage, rules and the dispatcher of campaigns. */
@NullMarked
package com.whatsdex.campaigns.domain;

import org.jspecify.annotations.NullMarked;
