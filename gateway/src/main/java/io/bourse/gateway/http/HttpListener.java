package io.bourse.gateway.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

/**
 * Starts a Helidon web server so that an address it cannot listen on is an error the caller sees.
 * Helidon 4's {@code start()} logs a failed bind ("Address already in use"), shuts the server down
 * and returns it anyway; a process that went on from there would run without its port.
 */
public final class HttpListener {
    private HttpListener() {}

    /** Starts the server on {@code host:port} (0: any free port), or throws naming the address. */
    public static WebServer start(WebServerConfig.Builder server, String host, int port) {
        WebServer started = server.host(host).port(port).build().start();
        if (!started.isRunning()) {
            started.stop();
            throw new IllegalStateException("cannot listen on " + host + ":" + port
                    + " (the port is taken, or the address is not this machine's)");
        }
        return started;
    }
}
