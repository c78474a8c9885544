package io.bourse.engine.raft.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The Raft logs of every replica on one engine node, in one RocksDB with a column family per
 * group.
 *
 * <p>Why one database and not one per replica (SOFAJRaft's default): a node hosts many groups, and
 * every group's log writer fsyncs after each append. With a database each, every append is a
 * write-ahead-log write and an fsync of its own. Sharing one write-ahead log, concurrent appends
 * from different groups are joined by RocksDB into one write and one fsync (its write group
 * commit), and the node runs one set of background threads instead of one per replica.
 */
public final class NodeRaftLog implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /** RocksDB flushes the column families holding the oldest data once the shared write-ahead log grows past this. */
    private static final long MAX_TOTAL_WAL_BYTES = 256L << 20;
    private static final long WRITE_BUFFER_BYTES = 16L << 20;
    /**
     * Write-ahead-log files RocksDB keeps to overwrite instead of deleting. Every append is
     * fsynced; fsyncing a file that grows also writes its inode (the new size), while overwriting
     * a recycled file of the same size does not. On this machine class a synced 300-byte write took
     * about a tenth less time and CPU (medians of five alternating pairs). Files are recycled only
     * once the log has turned over its first ones, at {@link #MAX_TOTAL_WAL_BYTES}: until then none
     * is obsolete.
     */
    private static final int RECYCLED_WAL_FILES = 4;

    private final Path directory;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions columnOptions;
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> columns = new HashMap<>();
    private final List<ColumnFamilyHandle> openedHandles = new ArrayList<>();
    private final List<GroupLogStorage> groups = new ArrayList<>();
    private boolean closed;

    private NodeRaftLog(Path directory, DBOptions dbOptions, ColumnFamilyOptions columnOptions, RocksDB db) {
        this.directory = directory;
        this.dbOptions = dbOptions;
        this.columnOptions = columnOptions;
        this.db = db;
    }

    /** Opens (or creates) the node's log database in {@code directory}. */
    public static NodeRaftLog open(Path directory) throws IOException {
        Files.createDirectories(directory);
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
                .setRecycleLogFileNum(RECYCLED_WAL_FILES)
                .setMaxBackgroundJobs(2);
        // No compression: log entries live until the next snapshot and are read back rarely (by a
        // lagging follower); compressing each memtable flush cost about 5 % of a busy node's CPU.
        ColumnFamilyOptions columnOptions = new ColumnFamilyOptions()
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setCompressionType(CompressionType.NO_COMPRESSION);
        List<byte[]> existing;
        try (Options listOptions = new Options()) {
            existing = RocksDB.listColumnFamilies(listOptions, directory.toString());
        } catch (RocksDBException e) {
            existing = List.of();
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions));
        for (byte[] name : existing) {
            if (!java.util.Arrays.equals(name, RocksDB.DEFAULT_COLUMN_FAMILY)) {
                descriptors.add(new ColumnFamilyDescriptor(name, columnOptions));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
            NodeRaftLog log = new NodeRaftLog(directory, dbOptions, columnOptions, db);
            for (int i = 0; i < descriptors.size(); i++) {
                log.openedHandles.add(handles.get(i));
                log.columns.put(new String(descriptors.get(i).getName(), StandardCharsets.UTF_8), handles.get(i));
            }
            return log;
        } catch (RocksDBException e) {
            handles.forEach(ColumnFamilyHandle::close);
            columnOptions.close();
            dbOptions.close();
            throw new IOException("cannot open the Raft log database in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The log storage of one group, in its own column family (created on first use). */
    public synchronized GroupLogStorage group(String groupId, boolean sync) {
        if (closed) {
            throw new IllegalStateException("the Raft log in " + directory + " is closed");
        }
        GroupLogStorage group = new GroupLogStorage(groupId, db, column(groupId), sync);
        groups.add(group);
        return group;
    }

    private ColumnFamilyHandle column(String groupId) {
        return columns.computeIfAbsent(groupId, name -> {
            try {
                ColumnFamilyHandle handle = db.createColumnFamily(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), columnOptions));
                openedHandles.add(handle);
                return handle;
            } catch (RocksDBException e) {
                throw new IllegalStateException("cannot create the log of " + name + " in " + directory + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Writes every group's in-memory table to its files and waits for that to finish. The
     * write-ahead-log files written so far are then obsolete, and RocksDB keeps them to overwrite
     * (see {@link #RECYCLED_WAL_FILES}); the tests use this to put appends into a recycled file,
     * which still holds older records past the newest one.
     */
    synchronized void flushMemtables() {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            db.flush(options, openedHandles);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot flush the Raft log in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Closes the database; every group's storage must have been shut down first (their replicas stopped). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        groups.forEach(GroupLogStorage::shutdown); // idempotent: normally done already when each replica stopped
        openedHandles.forEach(ColumnFamilyHandle::close);
        db.close();
        columnOptions.close();
        dbOptions.close();
    }
}
