package io.bourse.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends big-endian primitives to a growing byte array: the building block of Bourse's
 * versioned binary formats (snapshots, commands). Enums are written by ordinal, so enum
 * constants that reach a format are only ever appended, never reordered.
 *
 * <p>A streaming writer ({@link #streamingTo}) instead hands its bytes to a sink whenever its
 * fixed buffer fills, so a form of any size is written with one buffer's memory; {@link #flush()}
 * hands over the rest.
 */
public final class BinaryWriter {
    private byte[] bytes;
    private int length;
    /** Null for a writer that keeps everything; otherwise where a full buffer goes. */
    private final ByteSink sink;
    private long flushedBytes;

    public BinaryWriter(int initialCapacity) {
        this(new byte[Math.max(16, initialCapacity)], null);
    }

    private BinaryWriter(byte[] buffer, ByteSink sink) {
        this.bytes = buffer;
        this.sink = sink;
    }

    /** A writer that hands its bytes to {@code sink} whenever its buffer of {@code bufferBytes} fills. */
    public static BinaryWriter streamingTo(ByteSink sink, int bufferBytes) {
        if (bufferBytes < 16) {
            throw new IllegalArgumentException("a streaming writer needs a buffer of at least 16 bytes");
        }
        return new BinaryWriter(new byte[bufferBytes], java.util.Objects.requireNonNull(sink, "sink"));
    }

    /** Hands what is buffered to the sink (a streaming writer; nothing to do for one that keeps everything). */
    public void flush() {
        if (sink != null && length > 0) {
            sink.write(bytes, 0, length);
            flushedBytes += length;
            length = 0;
        }
    }

    /** Every byte written so far, flushed or not. */
    public long totalBytes() {
        return flushedBytes + length;
    }

    public BinaryWriter writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    public BinaryWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public BinaryWriter writeInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    public BinaryWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    public BinaryWriter writeEnum(Enum<?> value) {
        return writeByte(value.ordinal());
    }

    /** Writes null as length -1. */
    public BinaryWriter writeString(String value) {
        if (value == null) {
            return writeInt(-1);
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeInt(utf8.length);
        return writeBytes(utf8);
    }

    public BinaryWriter writeBytes(byte[] value) {
        return writeBytes(value, 0, value.length);
    }

    public BinaryWriter writeBytes(byte[] source, int offset, int count) {
        if (sink != null && count > bytes.length) {
            flush(); // larger than the whole buffer: straight through, in order
            sink.write(source, offset, count);
            flushedBytes += count;
            return this;
        }
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    /** Copies what has been written into {@code target} at {@code at}. */
    public void copyTo(byte[] target, int at) {
        requireKeeping();
        System.arraycopy(bytes, 0, target, at, length);
    }

    /** Forgets what was written, keeping the buffer: for a writer reused record after record. */
    public BinaryWriter reset() {
        requireKeeping();
        length = 0;
        return this;
    }

    public int length() {
        requireKeeping();
        return length;
    }

    public byte[] toByteArray() {
        requireKeeping();
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int extra) {
        if (extra > bytes.length - length) {
            if (sink != null) {
                flush(); // every single write but writeBytes fits an empty buffer of 16 bytes or more
            } else {
                bytes = Arrays.copyOf(bytes, grownCapacity(bytes.length, (long) length + extra));
            }
        }
    }

    private void requireKeeping() {
        if (sink != null) {
            throw new IllegalStateException("a streaming writer keeps only its last unflushed bytes");
        }
    }

    /** The largest array a JVM reliably allocates. */
    static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /**
     * Doubling, but without overflowing: past a gigabyte {@code capacity * 2} is negative, and the
     * writer would have grown by the bytes of each write, copying everything every time.
     */
    static int grownCapacity(int capacity, long needed) {
        if (needed > MAX_CAPACITY) {
            throw new IllegalStateException("a binary form past " + MAX_CAPACITY + " bytes (" + needed + " needed) cannot be written");
        }
        return (int) Math.min(MAX_CAPACITY, Math.max(2L * capacity, needed));
    }
}
