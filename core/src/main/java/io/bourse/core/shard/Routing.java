package io.bourse.core.shard;

import org.agrona.collections.Int2IntHashMap;

/**
 * Where things live: account slot to shard, and instrument to the shard that holds its book.
 * Part of the replicated state, changed only by commands.
 */
final class Routing {
    static final int SLOT_COUNT = 1024;
    static final int UNASSIGNED = -1;

    private final int[] shardOfSlot = new int[SLOT_COUNT];
    private final Int2IntHashMap marketShardOfInstrument = new Int2IntHashMap(UNASSIGNED);

    Routing() {
        java.util.Arrays.fill(shardOfSlot, UNASSIGNED);
    }

    /** {@code hash(accountId) mod 1024}, with a fixed mixing function so slots spread evenly. */
    static int slotOf(long accountId) {
        long mixed = accountId * 0x9E3779B97F4A7C15L;
        mixed ^= mixed >>> 32;
        return (int) (mixed & (SLOT_COUNT - 1));
    }

    int shardOfAccount(long accountId) {
        return shardOfSlot[slotOf(accountId)];
    }

    int shardOfSlot(int slot) {
        return shardOfSlot[slot];
    }

    void assignSlots(int firstSlot, int lastSlot, int shard) {
        for (int slot = firstSlot; slot <= lastSlot; slot++) {
            shardOfSlot[slot] = shard;
        }
    }

    int marketShard(int instrumentId) {
        return marketShardOfInstrument.get(instrumentId);
    }

    void assignMarket(int instrumentId, int shard) {
        marketShardOfInstrument.put(instrumentId, shard);
    }
}
