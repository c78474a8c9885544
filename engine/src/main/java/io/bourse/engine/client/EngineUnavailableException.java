package io.bourse.engine.client;

/** No replica of a group answered in time: its leader is being elected, or too few of its nodes are up. Retryable later. */
public final class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message) {
        super(message);
    }
}
