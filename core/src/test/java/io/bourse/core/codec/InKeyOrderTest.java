package io.bourse.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.junit.jupiter.api.Test;

class InKeyOrderTest {

    @Test
    void valuesComeInAscendingKeyOrderWhateverTheHashOrder() {
        Long2ObjectHashMap<String> map = new Long2ObjectHashMap<>();
        for (long key : new long[] {1L << 40, -5, 17, 3, 1_000_003}) {
            map.put(key, "v" + key);
        }
        assertThat(InKeyOrder.values(map)).containsExactly("v-5", "v3", "v17", "v1000003", "v" + (1L << 40));
    }

    @Test
    void intKeysComeAscending() {
        Int2ObjectHashMap<String> map = new Int2ObjectHashMap<>();
        for (int key : new int[] {900, 2, -1, 64, 33}) {
            map.put(key, "x");
        }
        assertThat(InKeyOrder.keys(map)).containsExactly(-1, 2, 33, 64, 900);
        assertThat(InKeyOrder.keys(new Int2ObjectHashMap<String>())).isEmpty();
    }
}
