package io.bourse.core.codec;

/**
 * Where a streaming {@link BinaryWriter} hands its bytes, a piece at a time: for binary forms too
 * large to hold whole in memory (a shard's snapshot runs to hundreds of megabytes). A sink that
 * cannot take the bytes throws (an {@link java.io.UncheckedIOException} for a failed write).
 */
@FunctionalInterface
public interface ByteSink {
    void write(byte[] bytes, int offset, int count);
}
