package io.bourse.engine.raft;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import java.util.List;

/**
 * One Raft log entry: many commands and the log time the leader stamped on them. Batching many
 * commands into one entry is what makes throughput independent of the per-entry cost of Raft.
 *
 * <p>Format (version 1): {@code byte version, long logTimeMillis, int count, count × (int length, bytes)}.
 */
final class LogBatch {
    static final int VERSION = 1;

    final long logTimeMillis;
    /** The entry's bytes; command {@code i} is {@code lengths[i]} bytes at {@code offsets[i]}. Never copied. */
    final byte[] bytes;
    final int[] offsets;
    final int[] lengths;

    private LogBatch(long logTimeMillis, byte[] bytes, int[] offsets, int[] lengths) {
        this.logTimeMillis = logTimeMillis;
        this.bytes = bytes;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    int size() {
        return offsets.length;
    }

    /** A reader over exactly command {@code i}. */
    BinaryReader command(int i) {
        return new BinaryReader(bytes, offsets[i], lengths[i]);
    }

    static byte[] encode(long logTimeMillis, List<byte[]> commands) {
        int size = 13;
        for (byte[] command : commands) {
            size += 4 + command.length;
        }
        BinaryWriter out = new BinaryWriter(size);
        out.writeByte(VERSION).writeLong(logTimeMillis).writeInt(commands.size());
        for (byte[] command : commands) {
            out.writeInt(command.length).writeBytes(command);
        }
        return out.toByteArray();
    }

    static LogBatch decode(byte[] entry, int offset, int length) {
        BinaryReader in = new BinaryReader(entry, offset, length);
        int version = in.readByte();
        if (version != VERSION) {
            throw new MalformedInputException("log batch version " + version + " is not one this release reads");
        }
        long logTimeMillis = in.readLong();
        int count = in.readCount(4);
        int[] offsets = new int[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = in.readCount(1);
            offsets[i] = in.position();
            in.skip(lengths[i]);
        }
        return new LogBatch(logTimeMillis, entry, offsets, lengths);
    }
}
