package io.bourse.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends big-endian primitives to a growing byte array: the building block of Bourse's
 * versioned binary formats (snapshots, commands). Enums are written by ordinal, so enum
 * constants that reach a format are only ever appended, never reordered.
 */
public final class BinaryWriter {
    private byte[] bytes;
    private int length;

    public BinaryWriter(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
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
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    /** Copies what has been written into {@code target} at {@code at}. */
    public void copyTo(byte[] target, int at) {
        System.arraycopy(bytes, 0, target, at, length);
    }

    /** Forgets what was written, keeping the buffer: for a writer reused record after record. */
    public BinaryWriter reset() {
        length = 0;
        return this;
    }

    public int length() {
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int extra) {
        if (extra > bytes.length - length) {
            bytes = Arrays.copyOf(bytes, grownCapacity(bytes.length, (long) length + extra));
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
