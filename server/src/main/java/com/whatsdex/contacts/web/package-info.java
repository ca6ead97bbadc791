/** The contacts REST API. */
@NullMarked
package com.whatsdex.contacts.web;

import org.jspecify.annotations.NullMarked;
