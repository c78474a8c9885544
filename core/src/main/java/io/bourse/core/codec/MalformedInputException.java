package io.bourse.core.codec;

/** Binary input that does not follow its format: truncated, corrupted, or of an unknown version. */
public final class MalformedInputException extends RuntimeException {
    public MalformedInputException(String message) {
        super(message);
    }
}
