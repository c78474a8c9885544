package io.bourse.bench.load;

import io.bourse.client.BourseClient;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One virtual user: its client (sharing one HTTP client with all the others) and the ids of the
 * orders it believes are open, so it can cancel and replace its own.
 */
final class Trader {
    /**
     * Open orders one user keeps at most: past it, a new resting order becomes a cancel of its
     * oldest. Without a bound, resting buys pile up (nothing sells into them) until the engine's
     * per-account limit refuses new orders, and the faster the system the sooner that happens:
     * the workload would not be the same from one minute, or one system, to the next.
     */
    static final int MAX_OPEN_ORDERS = 100;

    final String username;
    final BourseClient client;
    final boolean seller;
    private final Deque<String> openOrders = new ArrayDeque<>();

    Trader(String username, BourseClient client, boolean seller) {
        this.username = username;
        this.client = client;
        this.seller = seller;
    }

    synchronized void opened(String orderId) {
        openOrders.addLast(orderId);
        if (openOrders.size() > 200) {
            openOrders.pollFirst(); // forget the oldest: they may have filled; a cancel of one would be refused
        }
    }

    synchronized boolean atOpenOrderLimit() {
        return openOrders.size() >= MAX_OPEN_ORDERS;
    }

    /** An order to act on (cancel or replace), oldest first; null when it has none. */
    synchronized String takeOldest() {
        return openOrders.pollFirst();
    }
}
