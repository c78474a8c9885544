package io.bourse.core.shard;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The state the account side and the market side of a shard share, and the one way they talk:
 * {@link #send}. Messages to this shard itself are queued and applied before the command that
 * caused them finishes; messages to other shards go to that shard's outbox.
 */
final class ShardContext {
    final int shardId;
    final ShardLimits limits;
    final Ledger ledger;
    final Routing routing = new Routing();
    final Int2ObjectHashMap<Instrument> instruments = new Int2ObjectHashMap<>();
    final Channels channels;
    final ShardEvent.Sink events;
    long logTimeMillis;

    ShardContext(int shardId, ShardLimits limits, ShardEvent.Sink events) {
        this.shardId = shardId;
        this.limits = limits;
        this.events = events;
        this.ledger = new Ledger(limits.retention());
        this.channels = new Channels(shardId);
    }

    void send(int destinationShard, Message message) {
        channels.send(destinationShard, message);
    }

    boolean ownsAccount(long accountId) {
        return routing.shardOfAccount(accountId) == shardId;
    }

    /** Whether new work may be queued for {@code destinationShard}: back-pressure when its outbox is full. */
    boolean canSendTo(int destinationShard) {
        // Messages to itself are applied within the same command, so they never queue up.
        return destinationShard == shardId || channels.queued(destinationShard) < limits.maxOutboxMessages();
    }
}
