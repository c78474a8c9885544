package io.bourse.engine.raft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The file a replica's snapshot is stored in: {@code int magic, int length, long crc32c, bytes}.
 * The checksum catches a torn or corrupted file before it is restored.
 */
final class SnapshotFile {
    static final String NAME = "state.bin";
    private static final int MAGIC = 0x42534e50; // "BSNP"

    private SnapshotFile() {}

    static void write(Path directory, byte[] state) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(state);
        ByteBuffer header = ByteBuffer.allocate(16).putInt(MAGIC).putInt(state.length).putLong(crc.getValue()).flip();
        byte[] file = new byte[16 + state.length];
        header.get(file, 0, 16);
        System.arraycopy(state, 0, file, 16, state.length);
        Files.write(directory.resolve(NAME), file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    static byte[] read(Path directory) throws IOException {
        byte[] file = Files.readAllBytes(directory.resolve(NAME));
        if (file.length < 16) {
            throw new IOException("snapshot file is truncated");
        }
        ByteBuffer header = ByteBuffer.wrap(file, 0, 16);
        if (header.getInt() != MAGIC) {
            throw new IOException("not a Bourse snapshot file");
        }
        int length = header.getInt();
        long expectedCrc = header.getLong();
        if (length != file.length - 16) {
            throw new IOException("snapshot file length " + (file.length - 16) + " != recorded " + length);
        }
        CRC32C crc = new CRC32C();
        crc.update(file, 16, length);
        if (crc.getValue() != expectedCrc) {
            throw new IOException("snapshot file checksum mismatch");
        }
        byte[] state = new byte[length];
        System.arraycopy(file, 16, state, 0, length);
        return state;
    }
}
