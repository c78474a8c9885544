package io.bourse.core.shard;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Several shard state machines wired together in one thread, standing in for the engine: it
 * relays outboxes to their destinations as Deliver commands and acknowledges them back.
 */
final class ShardNetwork {
    final Map<Integer, ShardStateMachine> shards = new TreeMap<>();
    final List<ShardEvent> events = new ArrayList<>();
    long nowMillis = 1_000;

    ShardNetwork(int... shardIds) {
        this(ShardLimits.defaults(), shardIds);
    }

    ShardNetwork(ShardLimits limits, int... shardIds) {
        this(limits, null, shardIds);
    }

    /** Shards whose sink wants no events: building one anyway fails the test. */
    static ShardNetwork unheard(int... shardIds) {
        ShardEvent.Sink unheard = new ShardEvent.Sink() {
            @Override
            public void accept(ShardEvent event) {
                throw new AssertionError("an event was built although none is wanted: " + event);
            }

            @Override
            public boolean wanted() {
                return false;
            }
        };
        return new ShardNetwork(ShardLimits.defaults(), unheard, shardIds);
    }

    /** {@code sink} null: events are collected in {@link #events}. */
    private ShardNetwork(ShardLimits limits, ShardEvent.Sink sink, int... shardIds) {
        for (int id : shardIds) {
            shards.put(id, new ShardStateMachine(id, limits, sink == null ? events::add : sink));
        }
        if (shardIds.length == 0) {
            return; // filled in by the caller, from snapshots
        }
        int perShard = Routing.SLOT_COUNT / shardIds.length;
        for (int i = 0; i < shardIds.length; i++) {
            int last = i == shardIds.length - 1 ? Routing.SLOT_COUNT - 1 : (i + 1) * perShard - 1;
            broadcast(new Command.AssignSlots(i * perShard, last, shardIds[i]));
        }
    }

    void broadcast(Command command) {
        for (ShardStateMachine shard : shards.values()) {
            shard.apply(nowMillis, command);
        }
    }

    void define(Instrument instrument, int marketShard) {
        broadcast(new Command.DefineInstrument(instrument, marketShard));
    }

    ShardStateMachine shardOf(long accountId) {
        return shards.get(shards.values().iterator().next().shardOfAccount(accountId));
    }

    /** Applies a customer command on the shard that owns the account, then relays until quiet. */
    CommandResult send(long accountId, Command command) {
        CommandResult result = shardOf(accountId).apply(nowMillis, command);
        deliverAll();
        return result;
    }

    CommandResult sendWithoutDelivery(long accountId, Command command) {
        return shardOf(accountId).apply(nowMillis, command);
    }

    /** Relays every outbox until no message is waiting anywhere. */
    void deliverAll() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (ShardStateMachine source : shards.values()) {
                for (int destination : source.outboxDestinations()) {
                    moved |= relay(source, destination, Integer.MAX_VALUE);
                }
            }
        }
    }

    /** Relays up to {@code max} messages on one random channel; false when nothing was waiting there. */
    boolean deliverSome(Random random, int max) {
        List<int[]> channels = new ArrayList<>();
        for (ShardStateMachine source : shards.values()) {
            for (int destination : source.outboxDestinations()) {
                Outbox outbox = source.outbox(destination);
                if (shards.get(destination).lastAppliedFrom(source.shardId()) < outbox.nextSequence() - 1) {
                    channels.add(new int[] {source.shardId(), destination});
                }
            }
        }
        if (channels.isEmpty()) {
            return false;
        }
        int[] channel = channels.get(random.nextInt(channels.size()));
        return relay(shards.get(channel[0]), channel[1], 1 + random.nextInt(max));
    }

    private boolean relay(ShardStateMachine source, int destinationId, int max) {
        ShardStateMachine destination = shards.get(destinationId);
        Outbox outbox = source.outbox(destinationId);
        long next = destination.lastAppliedFrom(source.shardId()) + 1;
        int relayed = 0;
        while (next < outbox.nextSequence() && relayed < max) {
            CommandResult result = destination.apply(nowMillis, new Command.Deliver(source.shardId(), next, outbox.message(next)));
            if (result.isRejected()) {
                throw new AssertionError("delivery " + next + " from " + source.shardId() + " rejected: " + result);
            }
            next++;
            relayed++;
        }
        if (relayed > 0) {
            source.apply(nowMillis, new Command.AcknowledgeDelivery(destinationId, next - 1));
        }
        return relayed > 0;
    }

    /** Per asset, sums every balance on every shard: zero when nothing is in flight. */
    long sumOfBalances(int asset) {
        long sum = 0;
        for (ShardStateMachine shard : shards.values()) {
            sum += shard.ledger().sumOfBalances(asset);
        }
        return sum;
    }

    /** The clearing house's position in an asset across all shards. */
    long clearing(int asset) {
        long sum = 0;
        for (ShardStateMachine shard : shards.values()) {
            sum += shard.balance(Ledger.CLEARING, asset);
        }
        return sum;
    }

    long balance(long owner, int asset) {
        long sum = 0;
        for (ShardStateMachine shard : shards.values()) {
            sum += shard.balance(owner, asset);
        }
        return sum;
    }

    void checkInvariants() {
        shards.values().forEach(ShardStateMachine::checkInvariants);
    }
}
