package io.bourse.core.shard;

import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command.PlaceOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The client order ids of ended orders, remembered for the idempotency window: oldest end first,
 * each request packed into longs in a {@link HistoryRing}, found through an open-addressing table
 * of record numbers.
 *
 * <p>Why packed: these are kept for a day and there is one per order. As objects (the request, its
 * key, the map's node, the entry) they were the largest part of a busy shard's live heap, and each
 * was copied by young collections and traced ever after. Here a record allocates nothing but what
 * its request already carried (the id string).
 */
final class EndedClientOrders {
    private static final int ACCOUNT = 0;
    private static final int INSTRUMENT = 1;
    /** side, type, time in force (a byte each) and post-only (1 << 24). */
    private static final int TERMS = 2;
    private static final int LIMIT = 3;
    private static final int STOP = 4;
    private static final int QUANTITY = 5;
    private static final int ORDER_ID = 6;
    private static final int ENDED_AT = 7;
    private static final int WIDTH = 8;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();

    /** Unbounded here: the index's capacity bounds it (placements are refused at the capacity). */
    private final HistoryRing records = new HistoryRing(WIDTH, Integer.MAX_VALUE / WIDTH, true);
    /** Record number of the oldest record; numbers only grow. */
    private long first;
    /**
     * Open addressing, linear probing, at most half full; 0 is an empty slot. A slot holds a record's
     * fingerprint (the upper half of its key's hash, top bit set so a slot is never 0) over the low 32
     * bits of its record number + 1 (numbers in the table are less than 2^31 apart, so those bits
     * say which). A record's home slot comes from its fingerprint too: probing, inserting, deleting
     * and rehashing read only the table, and a record is read only when its fingerprint matches.
     * Placing an order looks up an id that is almost never there, and reading records at random
     * for that was measured as a few percent of a busy shard's CPU in cache misses.
     */
    private long[] table = new long[32];

    int size() {
        return records.size();
    }

    void append(PlaceOrder request, long orderId, long endedAtMillis) {
        long hash = hash(request.accountId(), request.clientOrderId());
        int at = records.append();
        records.set(at, ACCOUNT, request.accountId());
        records.set(at, INSTRUMENT, request.instrumentId());
        records.set(at, TERMS, request.side().ordinal() | request.type().ordinal() << 8 | request.timeInForce().ordinal() << 16
                | (request.postOnly() ? 1 << 24 : 0));
        records.set(at, LIMIT, request.limitPriceCents());
        records.set(at, STOP, request.stopPriceCents());
        records.set(at, QUANTITY, request.quantityShares());
        records.set(at, ORDER_ID, orderId);
        records.set(at, ENDED_AT, endedAtMillis);
        records.setString(at, request.clientOrderId());
        if (size() * 2 > table.length) {
            rehash(table.length * 2);
        }
        insert(slotValue(fingerprint(hash), first + size() - 1));
    }

    /** When the oldest record's order ended; only while there is one. */
    long oldestEndedAtMillis() {
        return records.get(records.slot(0), ENDED_AT);
    }

    void removeOldest() {
        delete(first);
        records.removeOldest();
        first++;
    }

    /** The entry remembered for (account, client order id), or null. */
    ClientOrderIndex.Entry find(long accountId, String clientOrderId) {
        int fingerprint = fingerprint(hash(accountId, clientOrderId));
        int mask = table.length - 1;
        for (int i = fingerprint & mask; table[i] != 0; i = (i + 1) & mask) {
            if ((int) (table[i] >>> 32) != fingerprint) {
                continue;
            }
            int at = slotOf(numberIn(table[i]));
            if (records.get(at, ACCOUNT) == accountId && records.string(at).equals(clientOrderId)) {
                return entryAt(at);
            }
        }
        return null;
    }

    /** Every record as an entry, oldest end first: the snapshot order. */
    List<ClientOrderIndex.Entry> oldestFirst() {
        List<ClientOrderIndex.Entry> entries = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            entries.add(entryAt(records.slot(i)));
        }
        return entries;
    }

    private ClientOrderIndex.Entry entryAt(int at) {
        long terms = records.get(at, TERMS);
        PlaceOrder request = new PlaceOrder(records.get(at, ACCOUNT), records.string(at), (int) records.get(at, INSTRUMENT),
                SIDES[(int) (terms & 0xFF)], TYPES[(int) (terms >>> 8 & 0xFF)], TIMES_IN_FORCE[(int) (terms >>> 16 & 0xFF)],
                records.get(at, LIMIT), records.get(at, STOP), records.get(at, QUANTITY), (terms & 1 << 24) != 0);
        ClientOrderIndex.Entry entry = new ClientOrderIndex.Entry(request, records.get(at, ORDER_ID));
        entry.endedAtMillis = records.get(at, ENDED_AT);
        return entry;
    }

    private int slotOf(long number) {
        return records.slot((int) (number - first));
    }

    private static int fingerprint(long hash) {
        return (int) (hash >>> 32) | Integer.MIN_VALUE;
    }

    private static long slotValue(int fingerprint, long number) {
        return (long) fingerprint << 32 | (number + 1) & 0xFFFF_FFFFL;
    }

    /** The record number a table slot holds: the one whose low 32 bits (+ 1) match, at or after the oldest. */
    private long numberIn(long slotValue) {
        long low = (slotValue - (first + 1)) & 0xFFFF_FFFFL;
        return first + low;
    }

    private static long hash(long accountId, String clientOrderId) {
        long h = accountId * 0x9E3779B97F4A7C15L ^ clientOrderId.hashCode();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    private void insert(long slotValue) {
        int mask = table.length - 1;
        int i = (int) (slotValue >>> 32) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slotValue;
    }

    /** Removes a record's number from the table, closing the gap so every other record stays reachable. */
    private void delete(long number) {
        int mask = table.length - 1;
        long wanted = (number + 1) & 0xFFFF_FFFFL;
        int at = slotOf(number);
        int hole = fingerprint(hash(records.get(at, ACCOUNT), records.string(at))) & mask;
        while ((table[hole] & 0xFFFF_FFFFL) != wanted) {
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = (int) (table[j] >>> 32) & mask;
            // The entry at j may move into the hole unless its home lies cyclically in (hole, j].
            boolean staysPut = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!staysPut) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    private void rehash(int length) {
        long[] old = table;
        table = new long[length];
        for (long slotValue : old) {
            if (slotValue != 0) {
                insert(slotValue);
            }
        }
    }
}
