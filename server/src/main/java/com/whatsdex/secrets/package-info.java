/**
 * Encryption of secrets at rest (channel access tokens, Google refresh tokens, AI keys): {@link
 * com.whatsdex.secrets.SecretBox} seals them with the master key before they are stored.
 */
@NullMarked
package com.whatsdex.secrets;

import org.jspecify.annotations.NullMarked;
