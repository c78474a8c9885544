package io.bourse.core.shard;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages to one other shard, numbered consecutively from 1, kept until that shard acknowledges
 * them. The leader relays them; the receiver applies each number once, in order.
 */
public final class Outbox {
    private final int destinationShard;
    private final List<Message> unacknowledged = new ArrayList<>();
    private int head;
    private long firstSequence = 1;

    Outbox(int destinationShard) {
        this.destinationShard = destinationShard;
    }

    public int destinationShard() {
        return destinationShard;
    }

    /** The sequence number of the oldest unacknowledged message (or of the next one, when none waits). */
    public long firstSequence() {
        return firstSequence;
    }

    public long nextSequence() {
        return firstSequence + size();
    }

    public int size() {
        return unacknowledged.size() - head;
    }

    /** The message numbered {@code sequence}; it must be unacknowledged. */
    public Message message(long sequence) {
        long index = sequence - firstSequence;
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("sequence " + sequence + " not in [" + firstSequence + ", " + nextSequence() + ")");
        }
        return unacknowledged.get(head + (int) index);
    }

    long append(Message message) {
        unacknowledged.add(message);
        return nextSequence() - 1;
    }

    void acknowledge(long upToSequence) {
        while (firstSequence <= upToSequence && size() > 0) {
            unacknowledged.set(head++, null);
            firstSequence++;
        }
        if (head > 1024 && head * 2 > unacknowledged.size()) {
            unacknowledged.subList(0, head).clear();
            head = 0;
        }
    }

    /** Used when restoring a snapshot. */
    void resetFirstSequence(long sequence) {
        firstSequence = sequence;
    }
}
