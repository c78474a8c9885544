package io.bourse.bench.load;

import io.bourse.client.BourseClient;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One virtual user: its client (sharing one HTTP client with all the others) and the ids of the
 * orders it believes are open, so it can cancel and replace its own.
 */
final class Trader {
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
            openOrders.pollFirst(); // forget the oldest: they may have filled; a cancel of one would answer 404
        }
    }

    /** An order to act on (cancel or replace), oldest first; null when it has none. */
    synchronized String takeOldest() {
        return openOrders.pollFirst();
    }
}
