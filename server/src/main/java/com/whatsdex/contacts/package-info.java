/**
 * Contacts: the people a workspace talks to, identified by their E.164 phone number. The root package is the API
 * other modules use: {@link com.whatsdex.contacts.ContactsApi}.
 */
@NullMarked
package com.whatsdex.contacts;

import org.jspecify.annotations.NullMarked;
