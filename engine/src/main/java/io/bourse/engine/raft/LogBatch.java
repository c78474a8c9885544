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
    final byte[][] commands;

    LogBatch(long logTimeMillis, byte[][] commands) {
        this.logTimeMillis = logTimeMillis;
        this.commands = commands;
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

    static LogBatch decode(byte[] entry) {
        BinaryReader in = new BinaryReader(entry);
        int version = in.readByte();
        if (version != VERSION) {
            throw new MalformedInputException("log batch version " + version + " is not one this release reads");
        }
        long logTimeMillis = in.readLong();
        byte[][] commands = new byte[in.readCount(4)][];
        for (int i = 0; i < commands.length; i++) {
            commands[i] = in.readBytes(in.readCount(1));
        }
        return new LogBatch(logTimeMillis, commands);
    }
}
