package io.bourse.core.shard;

import io.bourse.core.ledger.Retention;
import io.bourse.core.order.RejectReason;
import java.util.function.Consumer;

/**
 * (account, idempotency key) → the fingerprint of the request first sent under it and the result
 * it got, so a retry — through any gateway, after any failover — gets that result back instead of
 * acting twice. Part of the replicated state; remembered for the {@link Retention} of log time,
 * bounded in number.
 *
 * <p>Packed: each record is a row of longs in a {@link KeyedRing} (oldest first, as they expire)
 * beside its key string. A busy shard remembers one per
 * command for a day; as objects (an entry, its map key, the map's node, the result) they were most
 * of what an order-entry load left on the heap, six objects a record that young collections copied
 * until promoted. Now a record allocates nothing but the key its command already carried.
 */
final class IdempotencyKeys {
    record Entry(long accountId, String key, long fingerprint, CommandResult result, long atMillis) {}

    private static final int ACCOUNT = KeyedRing.ACCOUNT;
    private static final int FINGERPRINT = 1;
    /** The result's outcome (low byte) and reject reason's ordinal + 1 (next byte; 0 for none). */
    private static final int OUTCOME = 2;
    private static final int RESULT_ID = 3;
    private static final int AT = 4;
    private static final int WIDTH = 5;

    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final RejectReason[] REASONS = RejectReason.values();

    private final Retention retention;
    /** Unbounded here: {@link #isFull} bounds it. */
    private final KeyedRing records = new KeyedRing(WIDTH);

    IdempotencyKeys(Retention retention) {
        this.retention = retention;
    }

    int size() {
        return records.size();
    }

    Entry find(long accountId, String key) {
        int at = records.find(accountId, key);
        return at < 0 ? null : entryAt(at);
    }

    /** Forgets what the retention lets go of; true when there is still no room for another key. */
    boolean isFull(long nowMillis) {
        while (size() > 0 && retention.forgetsOldest(size(), records.get(records.slot(0), AT), nowMillis)) {
            records.removeOldest();
        }
        return retention.isFull(size());
    }

    /** Remembers a key; log time never goes back, so records stay oldest first. */
    void remember(Entry entry) {
        CommandResult result = entry.result();
        int at = records.append(entry.accountId(), entry.key());
        records.set(at, FINGERPRINT, entry.fingerprint());
        records.set(at, OUTCOME, result.outcome().ordinal() | (result.reason() == null ? 0 : result.reason().ordinal() + 1) << 8);
        records.set(at, RESULT_ID, result.id());
        records.set(at, AT, entry.atMillis());
    }

    /**
     * Every record, oldest first (the snapshot order), one at a time: a shard may hold millions,
     * and a list of them all would be as many objects at once.
     */
    void forEachOldestFirst(Consumer<Entry> action) {
        for (int i = 0; i < size(); i++) {
            action.accept(entryAt(records.slot(i)));
        }
    }

    private Entry entryAt(int at) {
        int outcome = (int) records.get(at, OUTCOME);
        int reason = outcome >>> 8 & 0xFF;
        CommandResult result = new CommandResult(OUTCOMES[outcome & 0xFF], reason == 0 ? null : REASONS[reason - 1],
                records.get(at, RESULT_ID));
        return new Entry(records.get(at, ACCOUNT), records.key(at), records.get(at, FINGERPRINT), result, records.get(at, AT));
    }
}
