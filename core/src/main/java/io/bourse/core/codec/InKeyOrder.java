package io.bourse.core.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The values of a map in ascending key order: how a snapshot writes a table so that equal states
 * give equal bytes, whatever order the hash table happens to hold them in.
 *
 * <p>Sorts the keys as primitives and then looks each value up, rather than sorting the values
 * with a comparator: a comparison that reads each value's key from its object is a cache miss,
 * and a sort makes twenty of them per value on a table of hundreds of thousands. Measured on a
 * shard with 400,000 open orders, the comparator sorts were two fifths of a snapshot's time.
 */
public final class InKeyOrder {
    private InKeyOrder() {}

    public static <V> List<V> values(Long2ObjectHashMap<V> map) {
        long[] keys = new long[map.size()];
        int count = 0;
        for (Long2ObjectHashMap<V>.KeyIterator it = map.keySet().iterator(); it.hasNext(); ) {
            keys[count++] = it.nextLong();
        }
        Arrays.sort(keys);
        List<V> values = new ArrayList<>(count);
        for (long key : keys) {
            values.add(map.get(key));
        }
        return values;
    }

    /** The keys of a map, ascending. */
    public static int[] keys(Int2ObjectHashMap<?> map) {
        int[] keys = new int[map.size()];
        int count = 0;
        for (Int2ObjectHashMap<?>.KeyIterator it = map.keySet().iterator(); it.hasNext(); ) {
            keys[count++] = it.nextInt();
        }
        Arrays.sort(keys);
        return keys;
    }
}
