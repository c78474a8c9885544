package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PackedTextTest {
    private static final int FIRST = 2; // packed text after two other fields, as records lay it out

    /** Any client order id reads back from a record exactly, and matches (and hashes like) its own packing only. */
    @Property(tries = 500)
    void aPackedIdReadsBackAndMatchesOnlyItself(
            @ForAll @StringLength(min = 1, max = 64) @CharRange(from = 'a', to = 'z') @CharRange(from = 'A', to = 'Z')
            @CharRange(from = '0', to = '9') @Chars({'.', '_', ':', '-'}) String id,
            @ForAll @StringLength(min = 1, max = 64) @CharRange(from = 'a', to = 'c') String other) {
        HistoryRing ring = new HistoryRing(FIRST + PackedText.FIELDS, 4);
        long[] packed = new long[PackedText.FIELDS];
        PackedText.pack(id, packed);
        int slot = ring.append();
        ring.set(slot, 0, -1);
        ring.set(slot, 1, -1);
        PackedText.write(ring, slot, FIRST, packed);

        assertThat(PackedText.read(ring, slot, FIRST)).isEqualTo(id);
        assertThat(PackedText.matches(ring, slot, FIRST, packed)).isTrue();
        assertThat(PackedText.hash(ring, slot, FIRST)).isEqualTo(PackedText.hash(packed));
        long[] otherPacked = new long[PackedText.FIELDS];
        PackedText.pack(other, otherPacked);
        assertThat(PackedText.matches(ring, slot, FIRST, otherPacked)).isEqualTo(other.equals(id));
    }

    @Test
    void idsOfEveryLengthAroundAWordsBoundaryReadBack() {
        HistoryRing ring = new HistoryRing(PackedText.FIELDS, 1);
        long[] packed = new long[PackedText.FIELDS];
        for (int length = 0; length <= PackedText.MAX_LENGTH; length++) {
            String id = "x".repeat(length);
            PackedText.pack(id, packed);
            int slot = ring.append();
            PackedText.write(ring, slot, 0, packed);
            assertThat(PackedText.read(ring, slot, 0)).isEqualTo(id);
        }
    }

    @Test
    void textThatCannotBePackedIsRefusedBeforeAnythingIsWritten() {
        long[] packed = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThatThrownBy(() -> PackedText.pack("x".repeat(65), packed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64");
        assertThatThrownBy(() -> PackedText.pack("caf\u00e9", packed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+00E9");
        assertThatThrownBy(() -> PackedText.pack("a\u0000b", packed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
        assertThat(PackedText.tryPack("x".repeat(65), packed)).isFalse();
        assertThat(PackedText.tryPack("caf\u00e9", packed)).isFalse();
    }

    @Test
    void aKeyThatCannotBePackedIsSimplyNotFound() {
        KeyedRing ring = KeyedRing.keepingKeys(1);
        ring.append(7, "kept");
        assertThat(ring.find(7, "kept")).isNotNegative();
        assertThat(ring.find(7, "x".repeat(65))).isEqualTo(-1);
        assertThat(ring.find(7, "caf\u00e9")).isEqualTo(-1);
    }
}
