/** Contact storage and the rules on their interaction times. Internal to the contacts module. */
@NullMarked
package com.whatsdex.contacts.domain;

import org.jspecify.annotations.NullMarked;
