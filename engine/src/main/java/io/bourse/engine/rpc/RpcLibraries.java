package io.bourse.engine.rpc;

/**
 * Settings the RPC library (SOFA Bolt) must see before its classes load. Its logging layer keeps
 * a log space of its own and, with Logback 1.5, fails noisily at start-up; disabled, its messages
 * go through SLF4J like everything else, and its own console notices are kept to errors.
 * Bourse's envelopes travel in its own encoding ({@link EnvelopeSerializer}). And answers are
 * taken where they arrive ({@link ResponsesInPlace}).
 */
public final class RpcLibraries {
    private RpcLibraries() {}

    public static void configure() {
        System.setProperty("sofa.middleware.log.disable", "true");
        // Its console notices (such as "Sofa-Middleware-Log is disabled!", printed to standard
        // error by every process, the admin commands included) only from errors up.
        if (System.getProperty("sofa.middleware.log.internal.level") == null) {
            System.setProperty("sofa.middleware.log.internal.level", "ERROR");
        }
        ResponsesInPlace.install();
        EnvelopeSerializer.register();
    }
}
