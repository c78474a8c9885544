package io.bourse.engine.client;

/** The engine refused the request itself (it could not be decoded, or names nothing the engine knows). Not retryable. */
public final class EngineRequestException extends RuntimeException {
    public EngineRequestException(String message) {
        super(message);
    }
}
