package io.bourse.engine.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for clusters started on this machine (tests, benchmarks). Chosen below the kernel's
 * ephemeral range (32768 and up on Linux), where outgoing connections take their local ports: a
 * port found free there could be taken by any connection before the node binds it.
 */
public final class LocalPorts {
    private static final int LOW = 10_000;
    private static final int HIGH = 32_000;

    private LocalPorts() {}

    /** A port that was free a moment ago and that no outgoing connection will pick. */
    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
    }
}
