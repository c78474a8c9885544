package io.bourse.core.shard;

import java.util.ArrayDeque;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;

/**
 * Exactly-once delivery between shards, in the replicated state: per destination an outbox of
 * consecutively numbered messages; per source the last sequence applied. Messages a shard sends
 * itself skip the numbering and are applied within the same command.
 */
final class Channels {
    private final int selfShard;
    private final ArrayDeque<Message> local = new ArrayDeque<>();
    private final Int2ObjectHashMap<Outbox> outboxes = new Int2ObjectHashMap<>();
    private final Long2LongHashMap lastAppliedBySource = new Long2LongHashMap(0);

    Channels(int selfShard) {
        this.selfShard = selfShard;
    }

    void send(int destinationShard, Message message) {
        if (destinationShard == selfShard) {
            local.addLast(message);
        } else {
            outbox(destinationShard).append(message);
        }
    }

    Message nextLocal() {
        return local.pollFirst();
    }

    boolean hasLocal() {
        return !local.isEmpty();
    }

    int queued(int destinationShard) {
        Outbox outbox = outboxes.get(destinationShard);
        return outbox == null ? 0 : outbox.size();
    }

    Outbox outbox(int destinationShard) {
        Outbox outbox = outboxes.get(destinationShard);
        if (outbox == null) {
            outbox = new Outbox(destinationShard);
            outboxes.put(destinationShard, outbox);
        }
        return outbox;
    }

    Outbox existingOutbox(int destinationShard) {
        return outboxes.get(destinationShard);
    }

    Int2ObjectHashMap<Outbox> outboxes() {
        return outboxes;
    }

    long lastApplied(int sourceShard) {
        return lastAppliedBySource.get(sourceShard);
    }

    void markApplied(int sourceShard, long sequence) {
        lastAppliedBySource.put(sourceShard, sequence);
    }

    Long2LongHashMap lastAppliedBySource() {
        return lastAppliedBySource;
    }
}
