package io.bourse.engine.raft.log;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.codec.LogEntryCodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a group's log from the database of its own that earlier releases kept
 * ({@code <group>/log}, SOFAJRaft's default storage) into the node's shared log, once, before the
 * replica starts: its entries may be acknowledged commands not yet in any snapshot.
 *
 * <p>Safe to repeat: entries are copied under their own indexes (copying again writes the same
 * keys), and the old directory is renamed {@code log.migrated} only after the copy is written.
 */
public final class LegacyLogMigration {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyLogMigration.class);
    private static final int ENTRIES_PER_WRITE = 256;

    private LegacyLogMigration() {}

    /** Returns the number of entries moved (0 when there was no old log). */
    public static long migrateIfPresent(Path oldLog, NodeRaftLog nodeLog, String groupId, LogEntryCodecFactory codecs)
            throws IOException {
        if (!Files.isDirectory(oldLog)) {
            return 0;
        }
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setSync(true);
        RocksDBLogStorage old = new RocksDBLogStorage(oldLog.toString(), raftOptions);
        GroupLogStorage target = nodeLog.group(groupId, true);
        if (!old.init(options(groupId, codecs))) {
            throw new IOException(groupId + ": cannot open the old Raft log in " + oldLog + " to move it");
        }
        long moved = 0;
        try {
            if (!target.init(options(groupId, codecs))) {
                throw new IOException(groupId + ": cannot open the node's shared Raft log to move " + oldLog + " into it");
            }
            long first = old.getFirstLogIndex();
            long last = old.getLastLogIndex();
            List<LogEntry> chunk = new ArrayList<>(ENTRIES_PER_WRITE);
            for (long index = first; index <= last; index++) {
                LogEntry entry = old.getEntry(index);
                if (entry == null) {
                    throw new IOException(groupId + ": entry " + index + " of the old Raft log in " + oldLog + " is unreadable");
                }
                chunk.add(entry);
                if (chunk.size() == ENTRIES_PER_WRITE || index == last) {
                    if (target.appendEntries(chunk) != chunk.size()) {
                        throw new IOException(groupId + ": cannot write the moved Raft log entries");
                    }
                    moved += chunk.size();
                    chunk.clear();
                }
            }
            if (first > 1 && !target.truncatePrefix(first)) { // also when nothing is left after it: the log starts there
                throw new IOException(groupId + ": cannot record the first index of the moved Raft log");
            }
        } finally {
            old.shutdown();
            target.shutdown();
        }
        Files.move(oldLog, oldLog.resolveSibling(oldLog.getFileName() + ".migrated"), StandardCopyOption.ATOMIC_MOVE);
        LOG.info("{}: moved {} Raft log entries from {} into the node's shared log", groupId, moved, oldLog);
        return moved;
    }

    private static LogStorageOptions options(String groupId, LogEntryCodecFactory codecs) {
        return GroupLogStorage.options(groupId, new ConfigurationManager(), codecs);
    }
}
