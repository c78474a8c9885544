package io.bourse.engine.shard;

import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.Outbox;
import io.bourse.core.shard.Outcome;
import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.raft.RaftReplica;
import io.bourse.engine.raft.ReplicaListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a shard's leader, carries each outbox to its destination shard: sends the messages, in
 * order, as {@code Deliver} commands; once the destination has applied them, proposes
 * {@code AcknowledgeDelivery} so the outbox can forget them. A new leader starts again from the
 * first unacknowledged message: the destination recognises what it applied already.
 *
 * <p>Outboxes are read only on the apply thread (after each batch), copied into per-destination
 * queues that one virtual thread per destination drains, with up to {@link #CALLS_IN_FLIGHT} calls
 * to the destination out at once, each on a virtual thread of its own.
 */
public final class OutboxRelay implements ReplicaListener {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_MESSAGES_PER_CALL = 1_000;
    /** Calls out to one destination at once. */
    private static final int CALLS_IN_FLIGHT = 2;
    /** Acknowledgements are log entries too: coalesce them, at most one per channel per this many ms. */
    private static final long ACKNOWLEDGE_EVERY_MILLIS = 20;

    private final int shardId;
    private final RaftReplica<ShardState> replica;
    private final EngineClient client;
    private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();
    /** Apply thread only: the last sequence copied to each channel. */
    private final Map<Integer, Long> copiedUpTo = new HashMap<>();
    private volatile boolean leader;
    private volatile boolean running = true;

    public OutboxRelay(int shardId, RaftReplica<ShardState> replica, EngineClient client) {
        this.shardId = shardId;
        this.replica = replica;
        this.client = client;
    }

    public void stop() {
        running = false;
        channels.values().forEach(Channel::wake);
    }

    @Override
    public void onLeaderStart(long term) {
        copiedUpTo.clear();
        channels.values().forEach(Channel::reset);
        leader = true;
        copyNewMessages();
    }

    @Override
    public void onLeaderStop() {
        leader = false;
        channels.values().forEach(Channel::reset);
    }

    @Override
    public void afterApply() {
        if (leader) {
            copyNewMessages();
        }
    }

    private void copyNewMessages() {
        ShardStateMachine machine = replica.state().machine();
        for (int destination : machine.outboxDestinations()) {
            Outbox outbox = machine.outbox(destination);
            Channel channel = channels.computeIfAbsent(destination, Channel::new);
            channel.forgetUpTo(outbox.firstSequence() - 1);
            long from = Math.max(copiedUpTo.getOrDefault(destination, 0L) + 1, outbox.firstSequence());
            for (long sequence = from; sequence < outbox.nextSequence(); sequence++) {
                channel.pending.put(sequence, CommandCodec.encode(new Command.Deliver(shardId, sequence, outbox.message(sequence))));
            }
            copiedUpTo.put(destination, outbox.nextSequence() - 1);
            if (from < outbox.nextSequence()) {
                channel.wake();
            }
        }
    }

    /**
     * Delivery to one destination shard. Up to {@link #CALLS_IN_FLIGHT} calls are out at once, each
     * carrying the messages after the last one sent: the next call is on its way while the
     * destination commits the one before, instead of after it has answered. The destination applies
     * a source's messages only in sequence, so a call that overtakes one still being retried is
     * refused as out of order and sent again; nothing is applied twice or skipped.
     */
    private final class Channel {
        private final int destination;
        final ConcurrentSkipListMap<Long, byte[]> pending = new ConcurrentSkipListMap<>();
        private final Semaphore work = new Semaphore(0);
        private final Thread.Builder callThreads;
        /** The highest sequence the destination has applied, as far as its answers have told. */
        private volatile long confirmed;
        /**
         * Bumped by {@link #reset()} on the apply thread at a change of leadership: the relay thread then
         * forgets its calls out and starts again from the first message still pending.
         */
        private volatile int resets;
        // Relay thread only:
        private final ArrayDeque<Call> inFlight = new ArrayDeque<>();
        private long sentUpTo;
        private int resetsSeen;
        /** A call was refused or failed: send nothing more until the calls out have answered, then resend. */
        private boolean resending;
        private long acknowledged;
        private long acknowledgedAtNanos;

        Channel(int destination) {
            this.destination = destination;
            this.callThreads = Thread.ofVirtual().name("relay-" + shardId + "-to-" + destination + "-call");
            Thread.ofVirtual().name("relay-" + shardId + "-to-" + destination).start(this::run);
        }

        void wake() {
            work.release();
        }

        void reset() {
            pending.clear();
            confirmed = 0;
            resets++; // only the apply thread resets
            wake();
        }

        void forgetUpTo(long sequence) {
            pending.headMap(sequence, true).clear();
        }

        private void run() {
            while (running) {
                try {
                    work.tryAcquire(ACKNOWLEDGE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
                    work.drainPermits();
                    startOverIfReset();
                    boolean confirmedMore = readAnswers();
                    if (resending && inFlight.isEmpty()) {
                        resending = false;
                        sentUpTo = confirmed;
                        if (!confirmedMore) {
                            sleepQuietly(); // refused again: give the destination (or its election) a moment
                        }
                    }
                    if (running && leader) {
                        sendWhileCallsFree();
                        acknowledgeIfDue(inFlight.isEmpty());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.debug("shard {} → {}: delivery failed, will retry: {}", shardId, destination, e.toString());
                    sleepQuietly();
                }
            }
        }

        private void startOverIfReset() {
            int seen = resets;
            if (seen != resetsSeen) {
                resetsSeen = seen;
                inFlight.clear(); // their answers no longer matter: the new term starts from the outbox
                resending = false;
                sentUpTo = 0;
                acknowledged = 0;
            }
        }

        /** Reads the answers of the calls that have finished, oldest first; true if the destination confirmed more. */
        private boolean readAnswers() {
            boolean confirmedMore = false;
            while (!inFlight.isEmpty() && inFlight.peekFirst().answer.isDone()) {
                Call call = inFlight.pollFirst();
                List<CommandResult> results = call.answer.getNow(null);
                if (results == null) { // the call failed outright
                    resending = true;
                    continue;
                }
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).outcome() == Outcome.REJECTED) {
                        LOG.debug("shard {} → {}: message {} refused ({}), will resend", shardId, destination, call.sequences.get(i),
                                results.get(i).reason());
                        resending = true;
                        break;
                    }
                    // Accepted or recognised as a duplicate: the destination has applied everything up to this one.
                    if (call.sequences.get(i) > confirmed) {
                        confirmed = call.sequences.get(i);
                        confirmedMore = true;
                    }
                }
            }
            return confirmedMore;
        }

        /** Sends the next runs of messages while fewer than {@link #CALLS_IN_FLIGHT} calls are out. */
        private void sendWhileCallsFree() {
            while (!resending && inFlight.size() < CALLS_IN_FLIGHT) {
                List<Long> sequences = new ArrayList<>();
                List<byte[]> commands = new ArrayList<>();
                long expected = sentUpTo;
                for (Map.Entry<Long, byte[]> entry : pending.tailMap(sentUpTo, false).entrySet()) {
                    if (commands.size() == MAX_MESSAGES_PER_CALL || (expected != 0 && entry.getKey() != expected + 1)) {
                        break;
                    }
                    sequences.add(entry.getKey());
                    commands.add(entry.getValue());
                    expected = entry.getKey();
                }
                if (commands.isEmpty()) {
                    return;
                }
                sentUpTo = expected;
                Call call = new Call(sequences, new CompletableFuture<>());
                inFlight.addLast(call);
                callThreads.start(() -> { // the builder is used by this relay thread only
                    try {
                        call.answer.complete(client.submitEncoded(destination, commands));
                    } catch (RuntimeException e) {
                        LOG.debug("shard {} → {}: delivery failed, will resend: {}", shardId, destination, e.toString());
                    } finally {
                        call.answer.complete(null); // no effect once answered; otherwise the call counts as failed
                        wake();
                    }
                });
            }
        }

        /** Proposes an acknowledgement of everything confirmed, when idle or when the last one is old enough. */
        private void acknowledgeIfDue(boolean idle) {
            long upTo = confirmed;
            if (upTo <= acknowledged || (!idle && System.nanoTime() - acknowledgedAtNanos < ACKNOWLEDGE_EVERY_MILLIS * 1_000_000)) {
                return;
            }
            replica.submit(CommandCodec.encode(new Command.AcknowledgeDelivery(destination, upTo))); // a lost acknowledgement is made good by the next one
            acknowledged = upTo;
            acknowledgedAtNanos = System.nanoTime();
        }

        private void sleepQuietly() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A call out to the destination: the sequences it carries, and its answer (null: the call failed). */
    private record Call(List<Long> sequences, CompletableFuture<List<CommandResult>> answer) {}
}
