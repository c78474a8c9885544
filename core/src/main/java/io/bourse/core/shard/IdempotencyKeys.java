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
 * <p>Packed: each record is a row of longs in a {@link KeyedRing} (oldest first, as they expire),
 * its key known by its {@link KeyDigest}. A busy shard remembers one per command, up to millions; as
 * objects (an entry, its map key, the map's node, the result) they were most of what an order-entry
 * load left on the heap, six objects a record that young collections copied until promoted. Then the
 * key's text was the one object left per record, and with a 36-character key half its memory; the
 * digest leaves none: seven longs a record, and the index's slot.
 */
final class IdempotencyKeys {
    /** A remembered key, known by its digest (the text is not kept). */
    record Entry(long accountId, KeyDigest key, long fingerprint, CommandResult result, long atMillis) {}

    private static final int ACCOUNT = KeyedRing.ACCOUNT;
    private static final int FINGERPRINT = KeyedRing.FIRST_FIELD_KEEPING_DIGESTS;
    /** The result's outcome (low byte) and reject reason's ordinal + 1 (next byte; 0 for none). */
    private static final int OUTCOME = FINGERPRINT + 1;
    private static final int RESULT_ID = FINGERPRINT + 2;
    private static final int AT = FINGERPRINT + 3;
    private static final int OWNER_WIDTH = 4;

    /** Unbounded here: {@link #isFull} bounds it. */
    private final KeyedRing records = KeyedRing.keepingDigests(OWNER_WIDTH);

    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final RejectReason[] REASONS = RejectReason.values();

    private final Retention retention;

    IdempotencyKeys(Retention retention) {
        this.retention = retention;
    }

    int size() {
        return records.size();
    }

    Entry find(long accountId, KeyDigest key) {
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
        return new Entry(records.get(at, ACCOUNT), records.digest(at), records.get(at, FINGERPRINT), result,
                records.get(at, AT));
    }
}
