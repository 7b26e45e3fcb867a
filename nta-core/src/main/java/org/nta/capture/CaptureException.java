package org.nta.capture;

/** The input cannot be read as a capture at all: missing, unreadable, or not a capture. The message is for people. */
public final class CaptureException extends Exception {
    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
