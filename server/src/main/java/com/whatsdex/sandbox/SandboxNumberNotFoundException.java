package com.whatsdex.sandbox;

/** The sandbox has no number with this phone number id: it was never registered here, or this process restarted. */
public class SandboxNumberNotFoundException extends RuntimeException {

    public SandboxNumberNotFoundException(String phoneNumberId) {
        super("No sandbox number " + phoneNumberId + " is registered");
    }
}
