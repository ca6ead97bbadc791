package com.whatsdex.secrets;

/**
 * A sealed secret that cannot be opened: it was altered, sealed under another master key, bound to other
 * associated data, or is not a sealed value at all. Never answered with garbage plaintext.
 */
public final class SecretUnreadableException extends RuntimeException {

    SecretUnreadableException(String message) {
        super(message);
    }

    SecretUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
