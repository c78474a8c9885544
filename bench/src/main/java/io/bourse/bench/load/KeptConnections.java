package io.bourse.bench.load;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.api.WebClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The load generator's keep-alive connections to plain-HTTP servers: a request takes one (or opens
 * one), and gives it back once its answer has been read whole.
 *
 * <p>Why not Helidon's own connection cache: it watches each connection it holds between two
 * requests with a virtual thread of its own, which reads the socket with a 101 ms timeout to notice
 * the server closing it, and the next request on the connection first waits for that thread to
 * end. Under a closed loop, where a connection sits in the cache for microseconds, that is a thread
 * started, a timer scheduled and cancelled and two hand-offs for every request, all of it CPU the
 * systems under test, sharing the machine, do not get. A load generator's connections are busy;
 * one the server has closed in the meantime shows up as a failed request and is counted as one.
 *
 * <p>Deadlines: a read timeout on a socket a virtual thread reads schedules a timer with the
 * virtual-thread scheduler at every read, and cancels it when the answer comes (profiled under the
 * same loop, those timers and the scheduler's timer thread were about a twentieth of the process's
 * CPU). Kept connections are read without a timeout; one watchdog thread for the process looks at
 * the busy ones ten times a second and closes any whose answer is overdue, which ends the read
 * waiting on it.
 */
final class KeptConnections {
    private static final List<String> HTTP_1_1 = List.of("http/1.1");
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();
    private static final long WATCH_EVERY_MILLIS = 100;
    /** The connections of every instance that are waiting for an answer, and the one thread that watches them. */
    private static final Set<Kept> BUSY = ConcurrentHashMap.newKeySet();

    static {
        Thread.ofPlatform().daemon().name("bench-answer-deadlines").start(KeptConnections::watchDeadlines);
    }

    private final WebClient client;
    /** Idle connections by the server's authority ("host:port", as the request URI spells it). */
    private final Map<String, Deque<Kept>> idle = new ConcurrentHashMap<>();

    KeptConnections(WebClient client) {
        this.client = client;
    }

    /** Whether requests to {@code uri} go over kept connections (plain HTTP) or Helidon's cache (anything else). */
    static boolean serves(URI uri) {
        return "http".equals(uri.getScheme());
    }

    /**
     * An idle connection to {@code uri}'s server, or a new one, for a request to be answered within
     * {@code timeout}; {@link java.io.UncheckedIOException} when no connection can be opened.
     */
    Kept take(URI uri, Duration timeout) {
        Deque<Kept> ofServer = idle.computeIfAbsent(uri.getRawAuthority(), server -> new ConcurrentLinkedDeque<>());
        Kept kept = ofServer.pollFirst();
        while (kept != null && kept.closed) {
            kept = ofServer.pollFirst();
        }
        if (kept == null) {
            kept = open(uri, ofServer);
        }
        kept.dueNanos = System.nanoTime() + timeout.toNanos();
        BUSY.add(kept);
        return kept;
    }

    /** Gives back a connection whose answer has been read whole; one that was closed (by the server, or overdue) is dropped. */
    void giveBack(Kept kept) {
        BUSY.remove(kept);
        if (!kept.closed) {
            kept.home.offerFirst(kept);
        }
    }

    /** Closes a connection a request failed on: what is left on it is unknown. */
    void discard(Kept kept) {
        BUSY.remove(kept);
        kept.connection.closeResource();
    }

    /**
     * Closes every idle connection. For when the servers are about to be replaced by others that
     * may get the same ports: a connection kept from the old ones would be taken for the new.
     */
    void closeIdle() {
        for (Deque<Kept> ofServer : idle.values()) {
            for (Kept kept = ofServer.pollFirst(); kept != null; kept = ofServer.pollFirst()) {
                kept.connection.closeResource();
            }
        }
    }

    /** Idle connections to {@code uri}'s server. */
    int idleTo(URI uri) {
        Deque<Kept> ofServer = idle.get(uri.getRawAuthority());
        return ofServer == null ? 0 : ofServer.size();
    }

    private Kept open(URI uri, Deque<Kept> home) {
        WebClientConfig config = client.prototype();
        ConnectionKey key = ConnectionKey.create(uri.getScheme(), uri.getHost(), portOf(uri), NO_TLS,
                config.dnsResolver(), config.dnsAddressLookup(), Proxy.noProxy());
        Kept kept = new Kept(home);
        // Released after a whole answer: kept open, and given back by the caller, not watched.
        kept.connection = TcpClientConnection.create(client, key, HTTP_1_1, connection -> true, connection -> kept.closed = true)
                .connect();
        return kept;
    }

    /** The port a plain-HTTP URI names, or HTTP's own when it names none. */
    static int portOf(URI uri) {
        return uri.getPort() == -1 ? 80 : uri.getPort();
    }

    private static void watchDeadlines() {
        while (true) {
            try {
                Thread.sleep(WATCH_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Kept kept : BUSY) {
                if (now - kept.dueNanos >= 0 && BUSY.remove(kept)) {
                    kept.overdue = true;
                    kept.connection.closeResource(); // the read waiting for the answer fails at once
                }
            }
        }
    }

    /** One connection: where it goes back to, whether it was closed, and the deadline of the request using it. */
    static final class Kept {
        private final Deque<Kept> home;
        private TcpClientConnection connection;
        private volatile boolean closed;
        private volatile long dueNanos;
        private volatile boolean overdue;

        private Kept(Deque<Kept> home) {
            this.home = home;
        }

        TcpClientConnection connection() {
            return connection;
        }

        /** Whether the watchdog closed it because its answer was overdue. */
        boolean overdue() {
            return overdue;
        }
    }
}
