package io.bourse.core.ledger;

/**
 * How long the ids that make a retry safe (transfer ids, idempotency keys, ended orders' client
 * order ids) are remembered, in log time, and how many at most.
 *
 * <p>Each is remembered for {@code windowMillis}. A store that reaches {@code capacity} forgets its
 * oldest early, but never one younger than {@code guaranteedMillis}; only when the ids of that
 * guaranteed span alone fill it is a new one refused. Without the early forgetting a busy shard's
 * day of ids filled the store within the hour and it then refused every new order until the oldest
 * turned a day old: a platform that stops trading under load. The guaranteed span is far longer
 * than any retry (the engine client gives up on a request after 15 s), and it is log time,
 * replicated: every replica forgets exactly the same ids at exactly the same command.
 *
 * <p>Forgetting is housekeeping done by the store's bound check, whatever the command then gets:
 * a command refused for another reason may still have let expired ids go. A command refused
 * because the store is full has forgotten nothing (every id in it is inside the guarantee).
 *
 * @param windowMillis     how long an id is remembered while there is room
 * @param guaranteedMillis how long an id is remembered whatever the load (at most the window)
 * @param capacity         ids one store remembers at once
 */
public record Retention(long windowMillis, long guaranteedMillis, int capacity) {

    public Retention {
        if (guaranteedMillis < 0 || guaranteedMillis > windowMillis || capacity < 1) {
            throw new IllegalArgumentException("retention: need 0 ≤ guaranteed (" + guaranteedMillis + ") ≤ window ("
                    + windowMillis + ") and a capacity ≥ 1 (" + capacity + ")");
        }
    }

    /** Whether the oldest of {@code size} remembered ids, remembered at {@code oldestAtMillis}, is to be forgotten now. */
    public boolean forgetsOldest(int size, long oldestAtMillis, long nowMillis) {
        long age = nowMillis - oldestAtMillis;
        return age > windowMillis || (size >= capacity && age > guaranteedMillis);
    }

    /** Whether a store holding {@code size} ids (after forgetting what it may) must refuse another. */
    public boolean isFull(int size) {
        return size >= capacity;
    }
}
