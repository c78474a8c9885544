package io.bourse.gateway.http;

/** How the JVM waits for the sockets that virtual threads block on (the gateway's HTTP server, the baseline's API servers). */
public final class SocketPollers {
    static final String MODE_PROPERTY = "jdk.pollerMode";

    private SocketPollers() {
    }

    /**
     * Asks the JDK to wait for sockets on platform threads of their own (poller mode 1, the default on Linux up to
     * JDK 21), unless the command line chose a mode. Since JDK 22 the Linux default runs the pollers as virtual
     * threads on the same carriers as the requests, so every readiness passes a master poller, a poller virtual
     * thread and then the waiting one. With a gateway, its load and the engines sharing two cores, mode 1 served more
     * orders per second in seven of nine alternating pairs of the gateway's closed loop, by a median 5 %
     * (docs/benchmarks-history.md, gateway, session 17).
     * The JDK reads the property once, at the first blocking socket operation of a virtual thread, so this must be
     * called first thing in {@code main}.
     */
    public static void preferPlatformThreads() {
        if (System.getProperty(MODE_PROPERTY) == null) {
            System.setProperty(MODE_PROPERTY, "1");
        }
    }
}
