package io.bourse.core.shard;

import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Message.SubmitOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Stop and stop-limit orders waiting for the last trade price to reach their stop price: buy
 * stops trigger when it rises to or above the stop, sell stops when it falls to or below it.
 * Among stops triggered together, buys go before sells, then the nearest stop, then the oldest.
 */
final class StopBook {
    record Stop(SubmitOrder order, int ownerShard) {}

    private final NavigableMap<Long, ArrayDeque<Stop>> buys = new TreeMap<>();
    private final NavigableMap<Long, ArrayDeque<Stop>> sells = new TreeMap<>(Comparator.reverseOrder());
    private final Long2ObjectHashMap<Stop> byOrderId = new Long2ObjectHashMap<>();

    static boolean isTriggered(Side side, long stopPriceTicks, long lastTradeTicks) {
        if (lastTradeTicks == 0) {
            return false;
        }
        return side == Side.BUY ? lastTradeTicks >= stopPriceTicks : lastTradeTicks <= stopPriceTicks;
    }

    void add(Stop stop) {
        sideOf(stop.order().side()).computeIfAbsent(stop.order().stopPriceTicks(), price -> new ArrayDeque<>()).addLast(stop);
        byOrderId.put(stop.order().orderId(), stop);
    }

    Stop find(long orderId) {
        return byOrderId.get(orderId);
    }

    Stop remove(long orderId) {
        Stop stop = byOrderId.remove(orderId);
        if (stop != null) {
            NavigableMap<Long, ArrayDeque<Stop>> side = sideOf(stop.order().side());
            ArrayDeque<Stop> queue = side.get(stop.order().stopPriceTicks());
            queue.remove(stop);
            if (queue.isEmpty()) {
                side.remove(stop.order().stopPriceTicks());
            }
        }
        return stop;
    }

    /** Removes and returns the next stop that the last trade price triggers, or null. */
    Stop pollTriggered(long lastTradeTicks) {
        Stop stop = firstTriggered(buys, Side.BUY, lastTradeTicks);
        if (stop == null) {
            stop = firstTriggered(sells, Side.SELL, lastTradeTicks);
        }
        return stop == null ? null : remove(stop.order().orderId());
    }

    private static Stop firstTriggered(NavigableMap<Long, ArrayDeque<Stop>> side, Side sideName, long lastTradeTicks) {
        if (side.isEmpty() || !isTriggered(sideName, side.firstKey(), lastTradeTicks)) {
            return null;
        }
        return side.firstEntry().getValue().peekFirst();
    }

    /** Removes every day stop, in trigger order, handing each to {@code expired}. */
    void expireDayStops(Consumer<Stop> expired) {
        List<Stop> day = new ArrayList<>();
        forEach(stop -> {
            if (stop.order().timeInForce() == TimeInForce.DAY) {
                day.add(stop);
            }
        });
        for (Stop stop : day) {
            remove(stop.order().orderId());
            expired.accept(stop);
        }
    }

    /** Buys then sells, each in trigger order: the snapshot order. */
    void forEach(Consumer<Stop> visitor) {
        for (Map.Entry<Long, ArrayDeque<Stop>> level : buys.entrySet()) {
            level.getValue().forEach(visitor);
        }
        for (Map.Entry<Long, ArrayDeque<Stop>> level : sells.entrySet()) {
            level.getValue().forEach(visitor);
        }
    }

    int size() {
        return byOrderId.size();
    }

    private NavigableMap<Long, ArrayDeque<Stop>> sideOf(Side side) {
        return side == Side.BUY ? buys : sells;
    }
}
