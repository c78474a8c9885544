package io.bourse.core.shard;

import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command.PlaceOrder;
import java.util.function.Consumer;

/**
 * The client order ids of ended orders, remembered for the idempotency window: oldest end first,
 * each request packed into longs in a {@link KeyedRing}, found by (account, client order id).
 *
 * <p>Why packed: these are kept for a day and there is one per order. As objects (the request, its
 * key, the map's node, the entry) they were the largest part of a busy shard's live heap, and each
 * was copied by young collections and traced ever after. Here a record allocates nothing: the id is
 * {@link PackedText} in the record's longs.
 */
final class EndedClientOrders {
    private static final int ACCOUNT = KeyedRing.ACCOUNT;
    private static final int INSTRUMENT = KeyedRing.FIRST_FIELD_KEEPING_KEYS;
    /** side, type, time in force (a byte each) and post-only (1 << 24). */
    private static final int TERMS = INSTRUMENT + 1;
    private static final int LIMIT = INSTRUMENT + 2;
    private static final int STOP = INSTRUMENT + 3;
    private static final int QUANTITY = INSTRUMENT + 4;
    private static final int ORDER_ID = INSTRUMENT + 5;
    private static final int ENDED_AT = INSTRUMENT + 6;
    private static final int WIDTH = INSTRUMENT + 7;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();

    /** Unbounded here: the index's capacity bounds it (placements are refused at the capacity). */
    private final KeyedRing records = KeyedRing.keepingKeys(WIDTH - INSTRUMENT);

    int size() {
        return records.size();
    }

    void append(PlaceOrder request, long orderId, long endedAtMillis) {
        int at = records.append(request.accountId(), request.clientOrderId());
        records.set(at, INSTRUMENT, request.instrumentId());
        records.set(at, TERMS, request.side().ordinal() | request.type().ordinal() << 8 | request.timeInForce().ordinal() << 16
                | (request.postOnly() ? 1 << 24 : 0));
        records.set(at, LIMIT, request.limitPriceCents());
        records.set(at, STOP, request.stopPriceCents());
        records.set(at, QUANTITY, request.quantityShares());
        records.set(at, ORDER_ID, orderId);
        records.set(at, ENDED_AT, endedAtMillis);
    }

    /** When the oldest record's order ended; only while there is one. */
    long oldestEndedAtMillis() {
        return records.get(records.slot(0), ENDED_AT);
    }

    void removeOldest() {
        records.removeOldest();
    }

    /** The entry remembered for (account, client order id), or null. */
    ClientOrderIndex.Entry find(long accountId, String clientOrderId) {
        int at = records.find(accountId, clientOrderId);
        return at < 0 ? null : entryAt(at);
    }

    /**
     * Hands each remembered entry, as an entry, oldest end first (the snapshot order) to {@code visitor}, oldest first, built as it is visited: a
     * snapshot of a million ended orders need not hold a million entries at once (held in a list,
     * they outlived young collections and were copied by each one).
     */
    void forEachOldestFirst(Consumer<ClientOrderIndex.Entry> visitor) {
        for (int i = 0; i < size(); i++) {
            visitor.accept(entryAt(records.slot(i)));
        }
    }

    private ClientOrderIndex.Entry entryAt(int at) {
        long terms = records.get(at, TERMS);
        PlaceOrder request = new PlaceOrder(records.get(at, ACCOUNT), records.key(at), (int) records.get(at, INSTRUMENT),
                SIDES[(int) (terms & 0xFF)], TYPES[(int) (terms >>> 8 & 0xFF)], TIMES_IN_FORCE[(int) (terms >>> 16 & 0xFF)],
                records.get(at, LIMIT), records.get(at, STOP), records.get(at, QUANTITY), (terms & 1 << 24) != 0);
        ClientOrderIndex.Entry entry = new ClientOrderIndex.Entry(request, records.get(at, ORDER_ID));
        entry.endedAtMillis = records.get(at, ENDED_AT);
        return entry;
    }
}
