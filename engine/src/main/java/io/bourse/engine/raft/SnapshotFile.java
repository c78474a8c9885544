package io.bourse.engine.raft;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The file a replica's snapshot is stored in: {@code int magic, int length, long crc32c, bytes}.
 * The checksum catches a torn or corrupted file before it is restored.
 *
 * <p>Written as a stream ({@link #create}): the state goes to the file piece by piece as it is
 * serialized, the header is filled in at the end, and the file is fsynced once ({@link
 * Writing#finish}), which may happen on another thread than the writing. Nothing holds the whole
 * snapshot in memory while it is written. (Not {@code Files.write} with {@code SYNC}: that writes
 * in 8 KB pieces, each a synchronous disk write of its own; a 200 MB snapshot took 20-30 s that
 * way here.) Read straight into one array of the recorded length.
 */
final class SnapshotFile {
    static final String NAME = "state.bin";
    private static final int MAGIC = 0x42534e50; // "BSNP"
    private static final int HEADER_BYTES = 16;
    /** The state is restored from one array: no larger snapshot could be read back. */
    private static final long MAX_STATE_BYTES = Integer.MAX_VALUE - 8;

    private SnapshotFile() {}

    /** A snapshot file being written: bytes appended in order, then finished; closing an unfinished one leaves it invalid. */
    static final class Writing implements AutoCloseable {
        private final FileChannel channel;
        private final CRC32C crc = new CRC32C();
        private long stateBytes;
        private boolean finished;

        private Writing(FileChannel channel) {
            this.channel = channel;
        }

        /** Appends the next bytes of the state; a failed write is thrown as an {@link UncheckedIOException}. */
        void append(byte[] bytes, int offset, int count) {
            if (stateBytes + count > MAX_STATE_BYTES) {
                throw new IllegalStateException("a snapshot past " + MAX_STATE_BYTES + " bytes could not be restored");
            }
            crc.update(bytes, offset, count);
            try {
                writeFully(ByteBuffer.wrap(bytes, offset, count));
            } catch (IOException e) {
                throw new UncheckedIOException("writing the snapshot file failed", e);
            }
            stateBytes += count;
        }

        long stateBytes() {
            return stateBytes;
        }

        /** Writes the header (length and checksum of everything appended), fsyncs the file and closes it. */
        void finish() throws IOException {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt((int) stateBytes).putLong(crc.getValue()).flip();
            channel.position(0);
            writeFully(header);
            channel.force(true);
            finished = true;
            channel.close();
        }

        private void writeFully(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                channel.close(); // its header is still zeros: refused as "not a Bourse snapshot" if ever read
            }
        }
    }

    /** Starts a snapshot file in {@code directory}, replacing any there. */
    static Writing create(Path directory) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(NAME),
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            channel.write(ByteBuffer.allocate(HEADER_BYTES)); // filled in by finish
            return new Writing(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static byte[] read(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory.resolve(NAME), StandardOpenOption.READ)) {
            long fileBytes = channel.size();
            if (fileBytes < HEADER_BYTES) {
                throw new IOException("snapshot file is truncated");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            readFully(channel, header);
            header.flip();
            if (header.getInt() != MAGIC) {
                throw new IOException("not a Bourse snapshot file");
            }
            int length = header.getInt();
            long expectedCrc = header.getLong();
            if (length != fileBytes - HEADER_BYTES) {
                throw new IOException("snapshot file length " + (fileBytes - HEADER_BYTES) + " != recorded " + length);
            }
            byte[] state = new byte[length];
            readFully(channel, ByteBuffer.wrap(state));
            CRC32C crc = new CRC32C();
            crc.update(state);
            if (crc.getValue() != expectedCrc) {
                throw new IOException("snapshot file checksum mismatch");
            }
            return state;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new EOFException("snapshot file ended early");
            }
        }
    }
}
