package com.whatsdex.backups.google;

/**
 * Google refused or could not be reached.
 *
 * @see Reason
 */
public final class DriveException extends RuntimeException {

    /** Why, for the status the dashboard shows and the action it offers. */
    public enum Reason {
        /** The refresh token no longer works (revoked, expired, the app's access removed): link Drive again. */
        drive_revoked,
        /** The account's storage is full. */
        quota_exceeded,
        /** The file is gone from Drive. */
        not_found,
        /** Anything else: Google's error or the network. */
        drive_error
    }

    private final Reason reason;

    public DriveException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DriveException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
