package io.bourse.engine.raft.log;

import static io.bourse.engine.raft.log.LogEntries.data;
import static io.bourse.engine.raft.log.LogEntries.open;
import static io.bourse.engine.raft.log.LogEntries.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.LogId;
import com.alipay.sofa.jraft.entity.PeerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupLogStorageTest {
    @TempDir
    Path directory;

    @Test
    void entriesSurviveAReopenAndAreReadBackWhetherCachedOrNot() throws IOException {
        try (NodeRaftLog log = NodeRaftLog.open(directory)) {
            GroupLogStorage group = open(log, "shard-1", new ConfigurationManager());
            for (long index = 1; index <= 3_000; index++) { // more than the tail holds
                assertThat(group.appendEntries(List.of(data(index, 1)))).isEqualTo(1);
            }
            assertThat(text(group.getEntry(1))).isEqualTo("entry 1");
            assertThat(text(group.getEntry(3_000))).isEqualTo("entry 3000");
            assertThat(group.getEntry(3_001)).isNull();
            group.shutdown();
        }
        try (NodeRaftLog log = NodeRaftLog.open(directory)) {
            GroupLogStorage group = open(log, "shard-1", new ConfigurationManager());
            assertThat(group.getFirstLogIndex()).isEqualTo(1);
            assertThat(group.getLastLogIndex()).isEqualTo(3_000);
            assertThat(text(group.getEntry(2_999))).isEqualTo("entry 2999");
            assertThat(group.getTerm(2_999)).isEqualTo(1);
        }
    }

    /**
     * A recycled write-ahead-log file still holds the records of its previous use past the newest
     * write; replaying it after a restart must stop at the newest write, with nothing older coming
     * back (RocksDB's recyclable record format names the file's current number in every record).
     */
    @Test
    void appendsIntoARecycledWriteAheadLogFileSurviveAReopenWithNothingStale() throws IOException {
        try (NodeRaftLog log = NodeRaftLog.open(directory)) {
            GroupLogStorage group = open(log, "shard-1", new ConfigurationManager());
            for (long index = 1; index <= 2_000; index++) {
                group.appendEntries(List.of(data(index, 1)));
            }
            log.flushMemtables(); // the file holding entries 1-2,000 (term 1) goes to the recycle list
            group.truncateSuffix(1_000);
            for (long index = 1_001; index <= 1_500; index++) {
                group.appendEntries(List.of(data(index, 2)));
            }
            log.flushMemtables(); // the next file is the recycled one
            for (long index = 1_501; index <= 1_510; index++) {
                group.appendEntries(List.of(data(index, 3)));
            }
            group.shutdown();
        }
        assertThat(Files.readString(directory.resolve("LOG"))).contains("reusing log");
        try (NodeRaftLog log = NodeRaftLog.open(directory)) {
            GroupLogStorage group = open(log, "shard-1", new ConfigurationManager());
            assertThat(group.getFirstLogIndex()).isEqualTo(1);
            assertThat(group.getLastLogIndex()).isEqualTo(1_510);
            assertThat(group.getEntry(1_511)).isNull();
            for (long index = 1; index <= 1_510; index++) {
                long term = index <= 1_000 ? 1 : index <= 1_500 ? 2 : 3;
                LogEntry entry = group.getEntry(index);
                assertThat(text(entry) + " term " + entry.getId().getTerm()).isEqualTo("entry " + index + " term " + term);
            }
        }
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsAClearError() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("raft-log"), "not a database");
        assertThatThrownBy(() -> NodeRaftLog.open(notADirectory)).isInstanceOf(IOException.class)
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void aLogShutDownRefusesEveryChangeAndKeepsWhatItHeld() throws IOException {
        try (NodeRaftLog log = NodeRaftLog.open(directory)) {
            GroupLogStorage group = open(log, "shard-1", new ConfigurationManager());
            group.appendEntries(List.of(data(1, 1), data(2, 1)));
            group.shutdown();
            assertThat(group.appendEntries(List.of(data(3, 1)))).isZero();
            assertThat(group.truncateSuffix(0)).isFalse();
            assertThat(group.truncatePrefix(2)).isFalse();
            assertThat(group.getEntry(1)).isNull();

            GroupLogStorage again = open(log, "shard-1", new ConfigurationManager());
            assertThat(again.getFirstLogIndex()).isEqualTo(1);
            assertThat(again.getLastLogIndex()).isEqualTo(2);
        }
    }

    @Test
    void groupsInOneDatabaseAreIndependent() throws IOException {
        try (NodeRaftLog log = NodeRaftLog.open(directory)) {
            GroupLogStorage one = open(log, "shard-1", new ConfigurationManager());
            GroupLogStorage two = open(log, "shard-2", new ConfigurationManager());
            one.appendEntries(List.of(data(1, 1), data(2, 1), data(3, 1)));
            two.appendEntries(List.of(data(1, 7), data(2, 7)));
            one.truncatePrefix(3);
            two.truncateSuffix(1);
            assertThat(one.getFirstLogIndex()).isEqualTo(3);
            assertThat(one.getLastLogIndex()).isEqualTo(3);
            assertThat(two.getFirstLogIndex()).isEqualTo(1);
            assertThat(two.getLastLogIndex()).isEqualTo(1);
            assertThat(two.getTerm(1)).isEqualTo(7);
        }
    }

    @Test
    void configurationEntriesAreReloadedAtStart() throws IOException {
        try (NodeRaftLog log = NodeRaftLog.open(directory)) {
            GroupLogStorage group = open(log, "directory", new ConfigurationManager());
            LogEntry configuration = new LogEntry(EntryType.ENTRY_TYPE_CONFIGURATION);
            configuration.setId(new LogId(1, 1));
            configuration.setPeers(List.of(PeerId.parsePeer("127.0.0.1:7001"), PeerId.parsePeer("127.0.0.1:7002")));
            group.appendEntries(List.of(configuration, data(2, 1)));
            group.shutdown();
        }
        try (NodeRaftLog log = NodeRaftLog.open(directory)) {
            ConfigurationManager configurations = new ConfigurationManager();
            open(log, "directory", configurations);
            assertThat(configurations.getLastConfiguration().getConf().getPeers())
                    .containsExactly(PeerId.parsePeer("127.0.0.1:7001"), PeerId.parsePeer("127.0.0.1:7002"));
        }
    }

    /**
     * Random appends, truncations, resets and reopens against a plain sorted map: after every step
     * the storage holds exactly what the map holds.
     */
    @Test
    void behavesLikeASortedMapOfEntries() throws IOException {
        for (long seed = 1; seed <= 8; seed++) {
            Random random = new Random(seed);
            Path dir = directory.resolve("seed-" + seed);
            TreeMap<Long, String> model = new TreeMap<>();
            long[] first = {0};
            NodeRaftLog log = NodeRaftLog.open(dir);
            GroupLogStorage group = open(log, "shard-1", new ConfigurationManager());
            for (int step = 0; step < 300; step++) {
                int action = random.nextInt(20);
                long last = model.isEmpty() ? Math.max(first[0] - 1, 0) : model.lastKey();
                if (action < 12) {
                    List<LogEntry> entries = new ArrayList<>();
                    int count = 1 + random.nextInt(5);
                    long term = 1 + step;
                    for (int i = 1; i <= count; i++) {
                        entries.add(data(last + i, term));
                        model.put(last + i, "entry " + (last + i) + " term " + term);
                    }
                    assertThat(group.appendEntries(entries)).isEqualTo(count);
                } else if (action < 15 && last > 0) {
                    long kept = last - random.nextInt((int) Math.min(last, 8));
                    group.truncateSuffix(kept);
                    model.tailMap(kept, false).clear();
                } else if (action < 17 && last > 0) {
                    long firstKept = Math.max(1, last - random.nextInt(10) + random.nextInt(3));
                    group.truncatePrefix(firstKept);
                    model.headMap(firstKept, false).clear();
                    first[0] = firstKept;
                } else if (action < 18) {
                    long next = Math.max(1, last + random.nextInt(5) - 2);
                    group.reset(next);
                    String kept = model.get(next);
                    model.clear();
                    model.put(next, kept != null ? kept : "no-op " + next);
                    first[0] = next;
                } else {
                    group.shutdown();
                    log.close();
                    log = NodeRaftLog.open(dir);
                    group = open(log, "shard-1", new ConfigurationManager());
                }
                assertMatches(group, model, first[0], "seed " + seed + " step " + step);
            }
            log.close();
        }
    }

    private static void assertMatches(GroupLogStorage group, TreeMap<Long, String> model, long first, String where) {
        long expectedFirst = first > 0 ? first : model.isEmpty() ? 1 : model.firstKey();
        assertThat(group.getFirstLogIndex()).as(where).isEqualTo(expectedFirst);
        assertThat(group.getLastLogIndex()).as(where).isEqualTo(model.isEmpty() ? 0 : model.lastKey());
        long from = model.isEmpty() ? expectedFirst : Math.min(expectedFirst, model.firstKey());
        long to = model.isEmpty() ? expectedFirst + 3 : model.lastKey() + 3;
        for (long index = Math.max(1, from - 3); index <= to; index++) {
            String expected = model.get(index);
            LogEntry entry = group.getEntry(index);
            if (expected == null) {
                assertThat(entry).as(where + " index " + index).isNull();
            } else if (expected.startsWith("no-op")) {
                assertThat(entry.getType()).as(where + " index " + index).isEqualTo(EntryType.ENTRY_TYPE_NO_OP);
                assertThat(entry.getId().getTerm()).isZero();
            } else {
                assertThat(text(entry) + " term " + entry.getId().getTerm()).as(where + " index " + index).isEqualTo(expected);
            }
        }
    }
}
