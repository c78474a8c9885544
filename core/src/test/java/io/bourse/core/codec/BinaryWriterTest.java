package io.bourse.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
