package io.bourse.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryWriterTest {

    @Test
    void growsByDoublingOrToWhatIsNeeded() {
        assertThat(BinaryWriter.grownCapacity(16, 17)).isEqualTo(32);
        assertThat(BinaryWriter.grownCapacity(16, 100)).isEqualTo(100);
    }

    @Test
    void pastAGigabyteItStillGrowsInOneStepAndNeverOverflows() {
        int gigabyte = 1 << 30;
        // Doubling a gigabyte overflows an int: it must grow to the largest array, not by one write's bytes.
        assertThat(BinaryWriter.grownCapacity(gigabyte, gigabyte + 10L)).isEqualTo(BinaryWriter.MAX_CAPACITY);
        assertThat(BinaryWriter.grownCapacity(Integer.MAX_VALUE - 100, Integer.MAX_VALUE - 99L)).isEqualTo(BinaryWriter.MAX_CAPACITY);
        assertThatThrownBy(() -> BinaryWriter.grownCapacity(BinaryWriter.MAX_CAPACITY, BinaryWriter.MAX_CAPACITY + 1L))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be written");
    }

    @Test
    void writesWhatItWasGivenAcrossGrowth() {
        BinaryWriter out = new BinaryWriter(1);
        for (int i = 0; i < 1_000; i++) {
            out.writeInt(i);
        }
        BinaryReader in = new BinaryReader(out.toByteArray());
        for (int i = 0; i < 1_000; i++) {
            assertThat(in.readInt()).isEqualTo(i);
        }
    }

    @Test
    void aStreamingWriterHandsOverTheSameBytesAPieceAtATime() {
        BinaryWriter kept = new BinaryWriter(16);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        List<Integer> pieces = new ArrayList<>();
        BinaryWriter streaming = BinaryWriter.streamingTo((bytes, offset, count) -> {
            pieces.add(count);
            streamed.write(bytes, offset, count);
        }, 16);
        byte[] large = new byte[100]; // larger than the whole buffer: goes straight through
        Arrays.fill(large, (byte) 7);
        for (BinaryWriter out : List.of(kept, streaming)) {
            out.writeInt(1).writeLong(2).writeString("three").writeBytes(large).writeByte(4).writeLong(5);
        }

        assertThat(pieces).allMatch(count -> count <= 16 || count == large.length);
        assertThat(streaming.totalBytes()).isEqualTo(kept.length());
        streaming.flush();
        assertThat(streamed.toByteArray()).isEqualTo(kept.toByteArray());
        assertThat(streaming.totalBytes()).isEqualTo(kept.length());
    }

    @Test
    void aStreamingWriterDoesNotPretendToHoldWhatItHandedOver() {
        BinaryWriter streaming = BinaryWriter.streamingTo((bytes, offset, count) -> { }, 16);
        streaming.writeLong(1).writeLong(2).writeLong(3);

        assertThatThrownBy(streaming::toByteArray).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(streaming::length).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(streaming::reset).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BinaryWriter.streamingTo((bytes, offset, count) -> { }, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
