package io.bourse.core.codec;

import java.nio.charset.StandardCharsets;

/** Reads what {@link BinaryWriter} wrote; throws {@link MalformedInputException} on truncated or bad input. */
public final class BinaryReader {
    private final byte[] bytes;
    private int position;
    private final int end;

    public BinaryReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public BinaryReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    public int readByte() {
        require(1);
        return bytes[position++] & 0xFF;
    }

    /** The next byte, without consuming it. */
    public int peekByte() {
        require(1);
        return bytes[position] & 0xFF;
    }

    public boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new MalformedInputException("boolean byte " + value);
        }
        return value == 1;
    }

    public int readInt() {
        require(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    public long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    public <E extends Enum<E>> E readEnum(E[] values) {
        int ordinal = readByte();
        if (ordinal >= values.length) {
            throw new MalformedInputException("enum ordinal " + ordinal + " out of range");
        }
        return values[ordinal];
    }

    public String readString() {
        int length = readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0) {
            throw new MalformedInputException("string length " + length);
        }
        require(length);
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public byte[] readBytes(int length) {
        if (length < 0) {
            throw new MalformedInputException("byte count " + length);
        }
        require(length);
        byte[] value = new byte[length];
        System.arraycopy(bytes, position, value, 0, length);
        position += length;
        return value;
    }

    /** A count of items that follow, each at least {@code minimumBytesEach} long: refuses absurd counts early. */
    public int readCount(int minimumBytesEach) {
        int count = readInt();
        if (count < 0 || (long) count * minimumBytesEach > remaining()) {
            throw new MalformedInputException("count " + count + " exceeds the input");
        }
        return count;
    }

    /** Moves past {@code count} bytes without reading them. */
    public void skip(int count) {
        require(count);
        position += count;
    }

    /** Where the next read starts, in the underlying array. */
    public int position() {
        return position;
    }

    public int remaining() {
        return end - position;
    }

    public boolean atEnd() {
        return position == end;
    }

    private void require(int count) {
        if (end - position < count) {
            throw new MalformedInputException("truncated input: needs " + count + " more bytes, has " + (end - position));
        }
    }
}
