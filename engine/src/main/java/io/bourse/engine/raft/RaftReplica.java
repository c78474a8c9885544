package io.bourse.engine.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.engine.raft.log.LegacyLogMigration;
import io.bourse.engine.raft.log.NodeRaftLog;
import io.bourse.engine.raft.log.SharedLogServiceFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of one Raft group (a shard or the directory) on this node: SOFAJRaft does the
 * consensus, this class feeds committed batches to a {@link ReplicatedState}, completes the
 * callers' futures on the leader, and saves and loads snapshots.
 *
 * <p>The state is touched by the apply thread and by readers; a lock keeps them apart, held per
 * batch (not per command), so readers wait at most one batch.
 */
public final class RaftReplica<S extends ReplicatedState> extends StateMachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RaftReplica.class);

    /** A snapshot is written to its file in pieces of this size as it is serialized. */
    private static final int SNAPSHOT_BUFFER_BYTES = 1 << 20;

    private final String groupId;
    private final S state;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ReplicaListener> listeners = new CopyOnWriteArrayList<>();
    private final CommandBatcher batcher;
    /**
     * Callers' futures are completed here, never on SOFAJRaft's apply thread: completing one sends
     * an RPC response (serialization, a socket write), and the apply thread must only apply.
     */
    private final Executor completions = Executors.newVirtualThreadPerTaskExecutor();
    private RaftGroupService service;
    private volatile Node node;
    private volatile long leaderTerm = -1;
    /** The leader's endpoint as last heard, kept here so answering "who leads?" never takes SOFAJRaft's node lock. */
    private volatile String knownLeader;
    private final AtomicInteger snapshotsLoaded = new AtomicInteger();
    private final AtomicInteger snapshotsSaved = new AtomicInteger();
    private final AtomicInteger snapshotsSavedLeading = new AtomicInteger();
    /** Set by {@link #snapshot} just before asking, read and cleared when the snapshot starts (SOFAJRaft takes one at a time). */
    private volatile boolean snapshotOnlyAsFollower;
    private final AtomicInteger leadershipsTaken = new AtomicInteger();
    /** The log index of the last entry of commands applied here, and of the last such entry in this replica's latest snapshot. */
    private volatile long appliedIndex;
    private volatile long snapshotIndex;
    private SnapshotSchedule snapshots;
    /** How many groups the node at an endpoint ("host:port") leads, as this node knows them; what a hand-over prefers. */
    private volatile ToIntFunction<String> leadershipsOf = endpoint -> 0;

    public RaftReplica(String groupId, S state, BatchingOptions batching) {
        this.groupId = groupId;
        this.state = state;
        this.batcher = new CommandBatcher(groupId, batching, () -> node, () -> knownLeader);
    }

    public void addListener(ReplicaListener listener) {
        listeners.add(listener);
    }

    /** Starts the Raft node of this replica on a shared RPC server, its log in the node's shared log. */
    public void start(PeerId self, Configuration peers, Path dataDirectory, NodeRaftLog nodeLog, RpcServer rpcServer,
                      ReplicaOptions options) throws IOException {
        Files.createDirectories(dataDirectory);
        // Earlier releases kept each replica's log in a database of its own: move it over first.
        LegacyLogMigration.migrateIfPresent(dataDirectory.resolve("log"), nodeLog, groupId,
                DefaultJRaftServiceFactory.newInstance().createLogEntryCodecFactory());
        NodeOptions nodeOptions = new NodeOptions();
        nodeOptions.setFsm(this);
        nodeOptions.setInitialConf(peers);
        nodeOptions.setElectionTimeoutMs(options.electionTimeoutMs());
        // Bourse times snapshots itself (SnapshotSchedule), so that a leader hands over before it snapshots.
        nodeOptions.setSnapshotIntervalSecs(0);
        nodeOptions.setServiceFactory(new SharedLogServiceFactory(nodeLog, groupId));
        nodeOptions.setLogUri(groupId); // the log is the group's column family in the node's shared log
        nodeOptions.setRaftMetaUri(dataDirectory.resolve("meta").toString());
        nodeOptions.setSnapshotUri(dataDirectory.resolve("snapshot").toString());
        // SOFAJRaft connects to peers while holding a node lock during elections: a slow connect to a
        // dead peer would stall the survivors' votes, so connects must fail fast.
        nodeOptions.setRpcConnectTimeoutMs(options.connectTimeoutMs());
        // One node hosts many groups: by default every group gets four timer threads of its own
        // (election, vote, step-down, snapshot), each a wheel ticking on its own. Measured under load
        // with 13 groups on 3 nodes: 161 such threads, a third of the machine's CPU. Shared timers
        // and a shared scheduler pool serve every group of the process with a handful of threads.
        nodeOptions.setSharedElectionTimer(true);
        nodeOptions.setSharedVoteTimer(true);
        nodeOptions.setSharedStepDownTimer(true);
        nodeOptions.setSharedSnapshotTimer(true);
        nodeOptions.setSharedTimerPool(true);
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setSync(true); // acknowledged means fsynced on a majority
        ElectionTiming.apply(options.electionTimeoutMs(), raftOptions);
        // Pipelined appends are off: in SOFAJRaft 1.4.1, when a peer's connection closes while one of its
        // appends is being handled, the server's I/O thread can block for 15 s (a lock held while waiting
        // for the per-peer executor, which waits for that lock). Seen here as 15-second failovers.
        // Leader-side batching already makes each append carry many commands.
        raftOptions.setReplicatorPipeline(false);
        nodeOptions.setRaftOptions(raftOptions);
        service = new RaftGroupService(groupId, self, nodeOptions, rpcServer, true);
        node = service.start(false);
        snapshots = new SnapshotSchedule(this, options.snapshotIntervalSecs() * 1_000L, options.electionTimeoutMs());
        snapshots.start();
    }

    public void shutdown() {
        if (snapshots != null) {
            snapshots.stop();
        }
        batcher.stop();
        if (service != null) {
            service.shutdown();
            try {
                service.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String groupId() {
        return groupId;
    }

    /** The state itself: only for the apply thread (listeners) or inside {@link #readLocal}. */
    public S state() {
        return state;
    }

    public Node node() {
        return node;
    }

    public boolean isLeader() {
        return leaderTerm > 0;
    }

    /** The leader's endpoint ("host:port") as this replica knows it, or null. */
    public String leaderEndpoint() {
        return knownLeader;
    }

    /** How many snapshots this replica has loaded since it started (its own at restart, or installed from the leader). */
    public int snapshotsLoaded() {
        return snapshotsLoaded.get();
    }

    /** How many snapshots this replica has saved since it started, and how many of them while it led its group. */
    public int snapshotsSaved() {
        return snapshotsSaved.get();
    }

    public int snapshotsSavedLeading() {
        return snapshotsSavedLeading.get();
    }

    /** How many times this replica has become its group's leader since it started. */
    public int leadershipsTaken() {
        return leadershipsTaken.get();
    }

    /**
     * Tells this replica how many groups each node leads (by "host:port"), so that it hands its
     * leadership, before a snapshot, to a follower on the least busy node.
     */
    public void countLeadershipsWith(ToIntFunction<String> leadershipsOf) {
        this.leadershipsOf = leadershipsOf;
    }

    int groupsLedBy(String endpoint) {
        return leadershipsOf.applyAsInt(endpoint);
    }

    /** Whether commands were applied here since the state in this replica's latest snapshot. */
    boolean hasAppliedSinceSnapshot() {
        return appliedIndex > snapshotIndex;
    }

    public long proposedBatches() {
        return batcher.proposedBatches();
    }

    public long proposedCommands() {
        return batcher.proposedCommands();
    }

    /** Seconds the commands this replica proposed spent queued before their entry, summed. */
    public double commandsWaitedSeconds() {
        return batcher.waitedNanos() / 1e9;
    }

    /** Seconds from proposing each of this replica's entries until it was committed and applied here (or failed), summed. */
    public double entriesCommittingSeconds() {
        return batcher.committingNanos() / 1e9;
    }

    /** Commands this replica refused as {@code OVERLOADED} (its queue was full) since it started. */
    public long commandsRefusedOverloaded() {
        return batcher.refusedOverloaded();
    }

    /** Commands waiting at this replica to be proposed (only a leader has any). */
    public int commandsWaiting() {
        return batcher.waiting();
    }

    /** The index of the last log entry this replica has applied (or loaded with a snapshot). */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** How far this process's leaders currently space their entries: 0 (not at all) to 1 (each group's maximum). */
    public static double entryPacingLevel() {
        return EntryPacer.machine().level();
    }

    // ---- writes ----

    /** Proposes one encoded command; completes with its encoded result once committed and applied. */
    public CompletableFuture<byte[]> submit(byte[] command) {
        if (!isLeader()) {
            return CompletableFuture.failedFuture(new ReplicaUnavailableException(ReplicaUnavailableException.Reason.NOT_LEADER,
                    leaderEndpoint(), groupId + " is not led by this node"));
        }
        return batcher.submit(command);
    }

    /**
     * Proposes one encoded command and, once it is committed and applied here, reads the state
     * right after its log entry, on the apply thread. The read is linearizable without a ReadIndex
     * round of its own: the entry is committed, and the read sees every write committed before it.
     * A null {@code reader} reads nothing.
     */
    public CompletableFuture<AppliedCommand> submitThenRead(byte[] command, Function<S, byte[]> reader) {
        if (!isLeader()) {
            return CompletableFuture.failedFuture(new ReplicaUnavailableException(ReplicaUnavailableException.Reason.NOT_LEADER,
                    leaderEndpoint(), groupId + " is not led by this node"));
        }
        return batcher.submit(command, reader == null ? null : () -> reader.apply(state));
    }

    // ---- reads ----

    /** Reads the state as it is on this replica now (possibly behind the leader). */
    public <T> T readLocal(Function<S, T> reader) {
        lock.lock();
        try {
            return reader.apply(state);
        } finally {
            lock.unlock();
        }
    }

    /** Reads the state once this replica has applied everything committed when the read began (ReadIndex). */
    public <T> CompletableFuture<T> readLinearizable(Function<S, T> reader) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Node current = node;
        if (current == null) {
            result.completeExceptionally(new ReplicaUnavailableException(ReplicaUnavailableException.Reason.STOPPING, null, groupId + " is not running"));
            return result;
        }
        current.readIndex(new byte[0], new ReadIndexClosure() {
            @Override
            public void run(Status status, long index, byte[] context) {
                if (!status.isOk()) {
                    ReplicaUnavailableException.Reason reason = status.getRaftError() == RaftError.EPERM
                            ? ReplicaUnavailableException.Reason.NOT_LEADER : ReplicaUnavailableException.Reason.FAILED;
                    result.completeExceptionally(new ReplicaUnavailableException(reason, leaderEndpoint(), groupId + ": " + status));
                    return;
                }
                completions.execute(() -> {
                    try {
                        result.complete(readLocal(reader));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
            }
        });
        return result;
    }

    /**
     * Takes a snapshot now as the schedule does: a leader first hands its leadership to a live
     * follower, so that its pause while serializing holds up no caller (see {@link SnapshotSchedule}).
     * Completes when it is saved, or with why it was not.
     */
    public CompletableFuture<Status> snapshotAsScheduled() {
        return snapshots.snapshotNow();
    }

    /** Takes a snapshot now, where this replica stands, leader or not (tests); completes when it is saved. */
    public CompletableFuture<Status> snapshotNow() {
        CompletableFuture<Status> done = new CompletableFuture<>();
        snapshot(false, done::complete);
        return done;
    }

    /** Takes a snapshot now if this replica does not lead when it starts (tests); completes when it is saved, or with EBUSY. */
    public CompletableFuture<Status> snapshotAsFollowerNow() {
        CompletableFuture<Status> done = new CompletableFuture<>();
        snapshot(true, done::complete);
        return done;
    }

    /**
     * Asks SOFAJRaft for a snapshot. With {@code onlyAsFollower} (the schedule's follower
     * snapshots), a replica elected between the asking and the start does not take it (EBUSY): it
     * would pause applying as the new leader, holding up every caller. The schedule's next one then
     * hands the leadership over first. Two replicas' timers coming due around a hand-over made that
     * happen (the successor asked as a follower, was elected, then serialized).
     */
    void snapshot(boolean onlyAsFollower, Closure done) {
        snapshotOnlyAsFollower = onlyAsFollower;
        node.snapshot(done);
    }

    // ---- the state machine side of SOFAJRaft ----

    @Override
    public void onApply(Iterator iterator) {
        List<Runnable> completionsToRun = new ArrayList<>();
        lock.lock();
        try {
            while (iterator.hasNext()) {
                // The iterator's buffer is shared with replication: read a slice, never the original.
                LogBatch batch = decode(iterator.getData().slice());
                // Only the leader that proposed this entry has a closure, and callers waiting for results.
                Closure done = iterator.done();
                CommandBatcher.BatchClosure waiting = done instanceof CommandBatcher.BatchClosure closure ? closure : null;
                byte[][] results = waiting == null ? null : new byte[batch.size()][];
                for (int i = 0; i < batch.size(); i++) {
                    byte[] result = state.apply(batch.logTimeMillis, batch.command(i), waiting != null);
                    if (results != null) {
                        results[i] = result;
                    }
                }
                if (waiting != null) {
                    waiting.setResults(results);
                    completionsToRun.add(() -> waiting.run(Status.OK()));
                }
                appliedIndex = iterator.getIndex();
                iterator.next();
            }
        } catch (RuntimeException e) {
            LOG.error("{}: applying log entry {} failed; stopping this replica", groupId, iterator.getIndex(), e);
            iterator.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "apply failed: %s", e));
        } finally {
            lock.unlock();
        }
        completionsToRun.forEach(completions::execute);
        listeners.forEach(ReplicaListener::afterApply);
    }

    /** Reads the entry in place when it is backed by an array (always, with SOFAJRaft's codecs); copies it otherwise. */
    private static LogBatch decode(ByteBuffer data) {
        if (data.hasArray()) {
            return LogBatch.decode(data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] entry = new byte[data.remaining()];
        data.get(entry);
        return LogBatch.decode(entry, 0, entry.length);
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        // Called on the apply thread, between two entries: what is written here is the state at the
        // snapshot's index. It goes to the file as it is serialized, a buffer at a time, so no copy of
        // the whole state (hundreds of megabytes on a busy shard) is ever held; the fsync, the slow
        // part, is left to a thread of its own, so that applying, and every caller waiting on it,
        // stalls only for the serializing. SOFAJRaft starts no other snapshot, and installs none,
        // until done has run. A failure is reported as EIO, on which SOFAJRaft puts the node in its
        // error state: this replica stops (as on a broken invariant in apply), and the group goes on
        // with the others (SnapshotSaveTest).
        long start = System.nanoTime();
        long index = appliedIndex;
        boolean leading = isLeader();
        boolean onlyAsFollower = snapshotOnlyAsFollower;
        snapshotOnlyAsFollower = false;
        if (leading && onlyAsFollower) {
            LOG.info("{}: elected while its snapshot waited to start; not taking it as leader", groupId);
            done.run(new Status(RaftError.EBUSY, "%s leads now; its snapshot waits for a hand-over", groupId));
            return;
        }
        SnapshotFile.Writing file;
        try {
            file = SnapshotFile.create(Path.of(writer.getPath()));
        } catch (IOException e) {
            LOG.error("{}: creating the snapshot file failed", groupId, e);
            done.run(new Status(RaftError.EIO, "creating the snapshot file failed: %s", e));
            return;
        }
        try {
            readLocal(current -> {
                BinaryWriter out = BinaryWriter.streamingTo(file::append, SNAPSHOT_BUFFER_BYTES);
                current.writeSnapshot(out);
                out.flush();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("{}: writing the state into the snapshot failed", groupId, e);
            closeUnfinished(file);
            done.run(new Status(RaftError.EIO, "writing the state into the snapshot failed: %s", e));
            return;
        }
        long serializedMillis = (System.nanoTime() - start) / 1_000_000;
        Thread.ofPlatform().daemon().name(groupId + "-snapshot-sync")
                .start(() -> finishSnapshot(writer, file, done, serializedMillis, start, index, leading));
    }

    private void finishSnapshot(SnapshotWriter writer, SnapshotFile.Writing file, Closure done, long serializedMillis, long start,
                                long index, boolean leading) {
        try {
            file.finish();
            if (writer.addFile(SnapshotFile.NAME)) {
                LOG.info("{}: snapshot of {} bytes saved in {} ms, {} ms of it serializing (applying paused{})", groupId,
                        file.stateBytes(), (System.nanoTime() - start) / 1_000_000, serializedMillis, leading ? ", as leader" : "");
                snapshotIndex = Math.max(snapshotIndex, index);
                snapshotsSaved.incrementAndGet();
                if (leading) {
                    snapshotsSavedLeading.incrementAndGet();
                }
                done.run(Status.OK());
            } else {
                done.run(new Status(RaftError.EIO, "could not add %s to the snapshot", SnapshotFile.NAME));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: saving the snapshot failed", groupId, e);
            closeUnfinished(file);
            done.run(new Status(RaftError.EIO, "saving the snapshot failed: %s", e));
        }
    }

    private void closeUnfinished(SnapshotFile.Writing file) {
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("{}: closing an unfinished snapshot file failed", groupId, e);
        }
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        if (reader.getFileMeta(SnapshotFile.NAME) == null) {
            LOG.error("{}: snapshot at {} has no {}", groupId, reader.getPath(), SnapshotFile.NAME);
            return false;
        }
        try {
            byte[] snapshot = SnapshotFile.read(Path.of(reader.getPath()));
            lock.lock();
            try {
                state.restore(snapshot);
            } finally {
                lock.unlock();
            }
            var meta = reader.load();
            if (meta != null) {
                appliedIndex = meta.getLastIncludedIndex();
                snapshotIndex = meta.getLastIncludedIndex();
            }
            snapshotsLoaded.incrementAndGet();
            listeners.forEach(ReplicaListener::afterApply);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: loading the snapshot at {} failed", groupId, reader.getPath(), e);
            return false;
        }
    }

    @Override
    public void onStartFollowing(LeaderChangeContext context) {
        PeerId leader = context.getLeaderId();
        knownLeader = leader == null || leader.isEmpty() ? null : leader.getEndpoint().toString();
    }

    @Override
    public void onStopFollowing(LeaderChangeContext context) {
        knownLeader = null;
    }

    @Override
    public void onLeaderStart(long term) {
        knownLeader = node == null ? null : node.getNodeId().getPeerId().getEndpoint().toString();
        leaderTerm = term;
        leadershipsTaken.incrementAndGet();
        LOG.info("{}: leader for term {}", groupId, term);
        listeners.forEach(l -> l.onLeaderStart(term));
    }

    @Override
    public void onLeaderStop(Status status) {
        leaderTerm = -1;
        knownLeader = null;
        listeners.forEach(ReplicaListener::onLeaderStop);
    }

    @Override
    public void onShutdown() {
        leaderTerm = -1;
    }
}
