package io.bourse.engine.raft.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyLogMigrationTest {
    @TempDir
    Path directory;

    @Test
    void anOldPerReplicaLogIsMovedIntoTheSharedLogOnce() throws Exception {
        Path oldLog = directory.resolve("shard-1").resolve("log");
        Files.createDirectories(oldLog.getParent());
        RocksDBLogStorage old = new RocksDBLogStorage(oldLog.toString(), new RaftOptions());
        assertThat(old.init(LogEntries.options("shard-1", new ConfigurationManager()))).isTrue();
        List<LogEntry> entries = new ArrayList<>();
        for (long index = 1; index <= 600; index++) {
            entries.add(LogEntries.data(index, 1 + index / 100));
        }
        old.appendEntries(entries);
        old.truncatePrefix(51); // the part already in a snapshot
        old.shutdown();

        try (NodeRaftLog nodeLog = NodeRaftLog.open(directory.resolve("raft-log"))) {
            assertThat(LegacyLogMigration.migrateIfPresent(oldLog, nodeLog, "shard-1", LogEntryV2CodecFactory.getInstance()))
                    .isEqualTo(550);
            assertThat(LegacyLogMigration.migrateIfPresent(oldLog, nodeLog, "shard-1", LogEntryV2CodecFactory.getInstance()))
                    .as("nothing left to move the second time").isZero();
            GroupLogStorage moved = nodeLog.group("shard-1", false);
            assertThat(moved.init(LogEntries.options("shard-1", new ConfigurationManager()))).isTrue();
            assertThat(moved.getFirstLogIndex()).isEqualTo(51);
            assertThat(moved.getLastLogIndex()).isEqualTo(600);
            assertThat(moved.getEntry(50)).isNull();
            assertThat(moved.getTerm(600)).isEqualTo(7);
            assertThat(LogEntries.text(moved.getEntry(77))).isEqualTo("entry 77");
        }
        assertThat(oldLog).doesNotExist();
        assertThat(Files.isDirectory(oldLog.resolveSibling("log.migrated"))).isTrue();
    }
}
