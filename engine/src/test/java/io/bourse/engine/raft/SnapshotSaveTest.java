package io.bourse.engine.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.engine.cluster.LocalPorts;
import io.bourse.engine.raft.log.NodeRaftLog;
import io.bourse.engine.rpc.RpcLibraries;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica's snapshot through SOFAJRaft, on a one-replica group: the file it saves holds the state
 * at the snapshot, and a snapshot that fails while the state is written says why, saves nothing,
 * changes no state and stops the replica. A lone leader has no one to hand over to, so its
 * scheduled snapshot is taken as leader, and only when it has applied something new.
 */
@Timeout(60)
class SnapshotSaveTest {
    /** Counts the commands applied; its snapshot is the count. */
    static final class Counter implements ReplicatedState {
        long count;
        volatile boolean failWriting;

        @Override
        public byte[] apply(long logTimeMillis, BinaryReader command, boolean resultWanted) {
            count++;
            return ByteBuffer.allocate(8).putLong(count).array();
        }

        @Override
        public byte[] snapshot() {
            return ByteBuffer.allocate(8).putLong(count).array();
        }

        @Override
        public void writeSnapshot(BinaryWriter out) {
            out.writeLong(count);
            if (failWriting) {
                throw new IllegalStateException("the state could not be written");
            }
        }

        @Override
        public void restore(byte[] snapshot) {
            count = ByteBuffer.wrap(snapshot).getLong();
        }
    }

    @TempDir
    Path data;
    RpcServer rpcServer;
    NodeRaftLog log;
    Counter counter = new Counter();
    RaftReplica<Counter> replica;

    @BeforeEach
    void start() throws Exception {
        RpcLibraries.configure();
        int port = LocalPorts.free();
        rpcServer = RaftRpcServerFactory.createRaftRpcServer(new Endpoint("127.0.0.1", port));
        assertThat(rpcServer.init(null)).isTrue();
        log = NodeRaftLog.open(data.resolve("raft-log"));
        PeerId self = new PeerId("127.0.0.1", port);
        replica = new RaftReplica<>("counter", counter, BatchingOptions.defaults());
        replica.start(self, new Configuration(List.of(self)), data.resolve("counter"), log, rpcServer, new ReplicaOptions(600, 3_600, 500));
        await().atMost(Duration.ofSeconds(20)).until(replica::isLeader);
    }

    @AfterEach
    void stop() {
        if (replica != null) {
            replica.shutdown();
        }
        if (rpcServer != null) {
            rpcServer.shutdown();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void theSavedFileHoldsTheStateAtTheSnapshot() throws Exception {
        commit(3);

        assertThat(replica.snapshotNow().get(20, TimeUnit.SECONDS).isOk()).isTrue();

        assertThat(ByteBuffer.wrap(SnapshotFile.read(onlySnapshotDirectory())).getLong()).isEqualTo(3);
    }

    @Test
    void aSnapshotThatFailsWhileWritingTheStateSaysSoSavesNothingAndStopsTheReplica() throws Exception {
        commit(3);
        counter.failWriting = true;

        Status failed = replica.snapshotNow().get(20, TimeUnit.SECONDS);

        assertThat(failed.isOk()).isFalse();
        assertThat(failed.getErrorMsg()).contains("writing the state into the snapshot failed");
        assertThat(snapshotFiles()).as("no snapshot was saved").isEmpty();
        assertThat((long) replica.readLocal(state -> state.count)).as("the state is as it was").isEqualTo(3);
        // A failed save (EIO) puts the SOFAJRaft node in its error state, like a broken invariant
        // in apply: this replica stops, and in a real group another takes over.
        await().atMost(Duration.ofSeconds(10)).until(() -> !replica.isLeader());
    }

    @Test
    void aLeaderWithNoOneToHandOverToSnapshotsAsLeaderAndLeadsOn() throws Exception {
        commit(2);

        assertThat(replica.snapshotAsScheduled().get(20, TimeUnit.SECONDS).isOk()).isTrue();

        assertThat(replica.snapshotsSavedLeading()).isEqualTo(1);
        assertThat(replica.isLeader()).isTrue();
        assertThat(commit(1)).isEqualTo(3);
    }

    @Test
    void aLeaderThatAppliedNothingSinceItsSnapshotTakesNoOther() throws Exception {
        commit(2);
        assertThat(replica.snapshotAsScheduled().get(20, TimeUnit.SECONDS).isOk()).isTrue();

        assertThat(replica.snapshotAsScheduled().get(20, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(replica.snapshotsSaved()).as("nothing new: no second snapshot").isEqualTo(1);

        commit(1);
        assertThat(replica.snapshotAsScheduled().get(20, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(replica.snapshotsSaved()).isEqualTo(2);
    }

    /**
     * Commits {@code commands} commands one by one; returns the count after the last. Waits, too, until
     * SOFAJRaft counts the last one applied: a caller hears its result while the apply callback is
     * still returning, and a snapshot asked for in between finds "nothing new since the last one"
     * (seen once, 2026-12-03, in SnapshotSaveTest.aLeaderThatAppliedNothingSinceItsSnapshotTakesNoOther).
     */
    private long commit(int commands) throws Exception {
        long count = 0;
        for (int i = 0; i < commands; i++) {
            count = ByteBuffer.wrap(replica.submit(new byte[] {1}).get(20, TimeUnit.SECONDS)).getLong();
        }
        long applied = replica.appliedIndex();
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.node().getLastAppliedLogIndex() >= applied);
        return count;
    }

    private Path onlySnapshotDirectory() throws Exception {
        List<Path> files = snapshotFiles();
        assertThat(files).hasSize(1);
        return files.get(0).getParent();
    }

    /** Snapshot files SOFAJRaft kept (a failed snapshot's temporary directory is not one). */
    private List<Path> snapshotFiles() throws Exception {
        Path snapshots = data.resolve("counter").resolve("snapshot");
        if (!Files.exists(snapshots)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(snapshots)) {
            return files.filter(path -> path.getFileName().toString().equals(SnapshotFile.NAME))
                    .filter(path -> !path.toString().contains("temp")).toList();
        }
    }
}
