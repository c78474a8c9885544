package io.bourse.engine.shard;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.ShardEvent;
import io.bourse.core.shard.ShardLimits;
import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.feed.EventFeed;
import io.bourse.engine.raft.ReplicatedState;

/** A shard's core state machine, as its Raft replica drives it: bytes in, bytes out. */
public final class ShardState implements ReplicatedState {
    private final int shardId;
    private final ShardLimits limits;
    private static final int FEED_CAPACITY = 65_536;
    private static final int FEED_BYTES = 4 << 20;

    private final ShardEvent.Sink events;
    private final EventFeed feed = new EventFeed(FEED_CAPACITY, FEED_BYTES);
    private ShardStateMachine machine;
    /** Apply thread only: every result is encoded here, then copied out at its exact size. */
    private final BinaryWriter resultWriter = new BinaryWriter(256);

    /** {@code listener} hears every event too, besides this replica's feed. */
    public ShardState(int shardId, ShardLimits limits, ShardEvent.Sink listener) {
        this.shardId = shardId;
        this.limits = limits;
        this.events = listener == ShardEvent.Sink.NONE ? feed : new ShardEvent.Sink() {
            @Override
            public void accept(ShardEvent event) {
                feed.accept(event);
                listener.accept(event);
            }

            @Override
            public boolean wanted() {
                return feed.wanted() | listener.wanted(); // not ||: the feed's own check must run
            }
        };
        this.machine = new ShardStateMachine(shardId, limits, events);
    }

    public ShardStateMachine machine() {
        return machine;
    }

    /** The events this replica has produced lately, for gateways to follow. */
    public EventFeed feed() {
        return feed;
    }

    @Override
    public byte[] apply(long logTimeMillis, BinaryReader in, boolean resultWanted) {
        CommandResult result;
        try {
            Command decoded = CommandCodec.read(in);
            result = in.atEnd() ? machine.apply(logTimeMillis, decoded) : CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        } catch (MalformedInputException e) {
            result = CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        if (!resultWanted) {
            return null;
        }
        CommandCodec.writeResult(resultWriter.reset(), result);
        return resultWriter.toByteArray();
    }

    @Override
    public byte[] snapshot() {
        return machine.snapshot();
    }

    @Override
    public void writeSnapshot(BinaryWriter out) {
        machine.writeSnapshot(out);
    }

    @Override
    public void restore(byte[] snapshot) {
        ShardStateMachine restored = ShardStateMachine.restore(snapshot, limits, events);
        if (restored.shardId() != shardId) {
            throw new MalformedInputException("snapshot of shard " + restored.shardId() + " offered to shard " + shardId);
        }
        machine = restored;
        feed.restart();
    }
}
