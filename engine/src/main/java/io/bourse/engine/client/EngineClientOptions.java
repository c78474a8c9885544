package io.bourse.engine.client;

/**
 * Time bounds of the engine client.
 *
 * @param rpcTimeoutMillis one call to one node
 * @param deadlineMillis one request, across retries and leader changes
 */
public record EngineClientOptions(int rpcTimeoutMillis, int deadlineMillis) {
    public static EngineClientOptions defaults() {
        return new EngineClientOptions(3_000, 15_000);
    }
}
