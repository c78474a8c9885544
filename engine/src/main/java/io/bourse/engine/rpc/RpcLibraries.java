package io.bourse.engine.rpc;

/**
 * Settings the RPC library (SOFA Bolt) must see before its classes load. Its logging layer keeps
 * a log space of its own and, with Logback 1.5, fails noisily at start-up; disabled, its messages
 * go through SLF4J like everything else. Bourse's envelopes travel in its own encoding
 * ({@link EnvelopeSerializer}). And answers are taken where they arrive ({@link ResponsesInPlace}).
 */
public final class RpcLibraries {
    private RpcLibraries() {}

    public static void configure() {
        System.setProperty("sofa.middleware.log.disable", "true");
        ResponsesInPlace.install();
        EnvelopeSerializer.register();
    }
}
