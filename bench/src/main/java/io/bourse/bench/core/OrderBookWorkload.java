package io.bourse.bench.core;

import io.bourse.core.book.BookOrder;
import io.bourse.core.book.MatchListener;
import io.bourse.core.book.OrderBook;
import io.bourse.core.book.Placement;
import io.bourse.core.book.PriceTimeOrderBook;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The standard order-book workload ({@code shared/bench/ORDER-BOOK-WORKLOAD.md}), generated
 * deterministically from a seed. The generator runs every command through its own book as it
 * goes, so it always acts on orders that are really live, and it knows the book the stream must
 * end with.
 *
 * <p>Commands are stored column-wise in primitive arrays: replaying them allocates nothing.
 */
public final class OrderBookWorkload {
    public static final byte NEW_GTC = 0;
    public static final byte AMEND_PRICE = 1;
    public static final byte REDUCE = 2;
    public static final byte CANCEL = 3;
    public static final byte MARKETABLE_IOC = 4;
    public static final byte FILL_OR_KILL = 5;
    static final String[] KIND_NAMES = {"new GTC limit", "amend price", "reduce quantity", "cancel",
            "marketable IOC", "fill-or-kill at band edge"};

    public static final long START_PRICE_TICKS = 34_400;
    /** Start price ± 5 × 5 %. */
    public static final long BAND_LOW_TICKS = START_PRICE_TICKS - START_PRICE_TICKS * 25 / 100;
    public static final long BAND_HIGH_TICKS = START_PRICE_TICKS + START_PRICE_TICKS * 25 / 100;
    public static final int ACCOUNTS = 1_000;
    private static final int TARGET_ORDERS_PER_SIDE = 500;
    private static final int PICK_AMONG_OLDEST = 512;

    public final int prefillCommands;
    public final int size;
    public final byte[] kind;
    public final boolean[] buy;
    /** The order acted on; new orders are numbered 1, 2, 3, … in the order they are placed. */
    public final long[] orderId;
    public final long[] priceTicks;
    /** New orders: their size; amend and reduce: the order's new total quantity. */
    public final long[] lots;
    public final long[] accountId;
    /** Every resting order at the end, in priority order: "id side price total filled". */
    public final List<String> expectedFinalBook;
    public final long tradingCommands;
    public final long trades;

    private OrderBookWorkload(Generator generator) {
        this.prefillCommands = generator.prefill;
        this.size = generator.count;
        this.kind = Arrays.copyOf(generator.kind, size);
        this.buy = Arrays.copyOf(generator.buy, size);
        this.orderId = Arrays.copyOf(generator.orderId, size);
        this.priceTicks = Arrays.copyOf(generator.priceTicks, size);
        this.lots = Arrays.copyOf(generator.lots, size);
        this.accountId = Arrays.copyOf(generator.accountId, size);
        this.expectedFinalBook = describe(generator.book, 0);
        this.tradingCommands = generator.tradingCommands;
        this.trades = generator.trades;
    }

    public static OrderBookWorkload generate(long seed, int prefillOrders, int timedCommands) {
        Generator generator = new Generator(seed, prefillOrders + timedCommands);
        generator.prefill(prefillOrders);
        for (int i = 0; i < timedCommands; i++) {
            generator.next();
        }
        return new OrderBookWorkload(generator);
    }

    public int timedCommands() {
        return size - prefillCommands;
    }

    /** The share of each kind of command in the timed phase, for the report. */
    public String mix() {
        long[] counts = new long[KIND_NAMES.length];
        for (int i = prefillCommands; i < size; i++) {
            counts[kind[i]]++;
        }
        StringBuilder mix = new StringBuilder();
        for (int k = 0; k < counts.length; k++) {
            mix.append(String.format("  %-26s %6.2f %%%n", KIND_NAMES[k], 100.0 * counts[k] / timedCommands()));
        }
        mix.append(String.format("  %-26s %6.2f %% of commands trade, %.2f fills each%n", "trading",
                100.0 * tradingCommands / timedCommands(), (double) trades / Math.max(1, tradingCommands)));
        return mix.toString();
    }

    /** A book's resting orders in priority order; order ids are shown minus {@code idOffset}. */
    public static List<String> describe(OrderBook book, long idOffset) {
        List<String> orders = new ArrayList<>();
        book.forEachOrder(o -> orders.add((o.orderId() - idOffset) + " " + o.side() + " " + o.priceTicks() + " "
                + o.totalLots() + " " + o.filledLots()));
        return orders;
    }

    /** Generates the stream while simulating it on its own book. */
    private static final class Generator implements MatchListener {
        final SplittableRandom random;
        final PriceTimeOrderBook book = new PriceTimeOrderBook();
        /** Whether each order id rests in the book: cheaper to ask than the book itself. */
        final boolean[] live;
        final AgeOrderedIds bids;
        final AgeOrderedIds asks;
        final int[] liveOrders = new int[2];
        final byte[] kind;
        final boolean[] buy;
        final long[] orderId;
        final long[] priceTicks;
        final long[] lots;
        final long[] accountId;
        int count;
        int prefill;
        long nextOrderId = 1;
        long lastTradeTicks = START_PRICE_TICKS;
        long tradingCommands;
        long trades;
        private boolean tradedThisCommand;

        Generator(long seed, int capacity) {
            random = new SplittableRandom(seed);
            live = new boolean[capacity + 1];
            bids = new AgeOrderedIds(live);
            asks = new AgeOrderedIds(live);
            kind = new byte[capacity];
            buy = new boolean[capacity];
            orderId = new long[capacity];
            priceTicks = new long[capacity];
            lots = new long[capacity];
            accountId = new long[capacity];
        }

        /** Half bids, half asks, on about 250 levels each side with a one-tick spread. */
        void prefill(int orders) {
            for (int i = 0; i < orders; i++) {
                boolean isBuy = i % 2 == 0;
                long offset = random.nextLong(250);
                long price = isBuy ? START_PRICE_TICKS - 1 - offset : START_PRICE_TICKS + offset;
                placeNew(NEW_GTC, isBuy, price, TimeInForce.GOOD_TILL_CANCELED);
            }
            prefill = count;
            tradingCommands = 0;
            trades = 0;
        }

        void next() {
            boolean isBuy = random.nextBoolean();
            if (liveOrders[sideIndex(isBuy)] < TARGET_ORDERS_PER_SIDE) {
                placeNew(NEW_GTC, isBuy, passivePrice(isBuy), TimeInForce.GOOD_TILL_CANCELED);
                return;
            }
            int roll = random.nextInt(10_000);
            if (roll < 206) {
                boolean fillOrKill = random.nextInt(32) == 0;
                placeNew(fillOrKill ? FILL_OR_KILL : MARKETABLE_IOC, isBuy, isBuy ? BAND_HIGH_TICKS : BAND_LOW_TICKS,
                        fillOrKill ? TimeInForce.FILL_OR_KILL : TimeInForce.IMMEDIATE_OR_CANCEL);
            } else if (roll < 206 + 820) {
                cancel(isBuy);
            } else if (roll < 206 + 1_640) {
                reduce(isBuy);
            } else {
                amend(isBuy);
            }
        }

        /** A triangular offset of up to 5 % (at most 10,000 ticks) from the last trade, on the passive side. */
        private long passivePrice(boolean isBuy) {
            long maxOffset = Math.min(10_000, lastTradeTicks * 5 / 100);
            long offset = Math.abs(random.nextLong(maxOffset + 1) - random.nextLong(maxOffset + 1));
            return clampToBand(isBuy ? lastTradeTicks - offset : lastTradeTicks + offset);
        }

        private void placeNew(byte commandKind, boolean isBuy, long price, TimeInForce timeInForce) {
            long r6 = random.nextInt(6);
            long size = 1 + r6 * r6 * r6;
            long account = 1 + random.nextInt(ACCOUNTS);
            long id = nextOrderId++;
            int i = record(commandKind, isBuy, id, price, size, account);
            Placement placement = book.place(id, account, 0, side(isBuy), price, size, timeInForce, false, this);
            if (placement == Placement.RESTED) {
                liveOrders[sideIndex(isBuy)]++;
                live[(int) id] = true;
                (isBuy ? bids : asks).add(id);
            }
            finish(i);
        }

        private void amend(boolean isBuy) {
            BookOrder order = pick(isBuy);
            long distance = lastTradeTicks - order.priceTicks();
            long step = Math.max(1, Math.abs(distance) / 100);
            long newPrice = clampToBand(order.priceTicks() + (distance >= 0 ? step : -step));
            if (newPrice == order.priceTicks()) {
                newPrice = clampToBand(order.priceTicks() + (isBuy ? -1 : 1));
            }
            int i = record(AMEND_PRICE, isBuy, order.orderId(), newPrice, order.totalLots(), order.accountId());
            if (book.amend(order.orderId(), newPrice, order.totalLots(), this) == Placement.FILLED) {
                liveOrders[sideIndex(isBuy)]--;
                live[(int) order.orderId()] = false;
            }
            finish(i);
        }

        private void reduce(boolean isBuy) {
            BookOrder order = pick(isBuy);
            if (order.openLots() <= 1) {
                cancel(order, isBuy);
                return;
            }
            long newTotal = order.totalLots() - 1 - random.nextLong(order.openLots() - 1);
            int i = record(REDUCE, isBuy, order.orderId(), order.priceTicks(), newTotal, order.accountId());
            book.reduce(order.orderId(), newTotal);
            finish(i);
        }

        private void cancel(boolean isBuy) {
            cancel(pick(isBuy), isBuy);
        }

        private void cancel(BookOrder order, boolean isBuy) {
            int i = record(CANCEL, isBuy, order.orderId(), order.priceTicks(), 0, order.accountId());
            book.cancel(order.orderId());
            liveOrders[sideIndex(isBuy)]--;
            live[(int) order.orderId()] = false;
            finish(i);
        }

        private BookOrder pick(boolean isBuy) {
            int among = Math.min(PICK_AMONG_OLDEST, liveOrders[sideIndex(isBuy)]);
            long id = (isBuy ? bids : asks).pick(random.nextInt(among));
            return book.find(id);
        }

        private int record(byte commandKind, boolean isBuy, long id, long price, long size, long account) {
            int i = count++;
            kind[i] = commandKind;
            buy[i] = isBuy;
            orderId[i] = id;
            priceTicks[i] = price;
            lots[i] = size;
            accountId[i] = account;
            tradedThisCommand = false;
            return i;
        }

        private void finish(int i) {
            if (tradedThisCommand) {
                tradingCommands++;
            }
        }

        @Override
        public void onTrade(BookOrder maker, long takerOrderId, long takerAccountId, long price, long tradedLots) {
            lastTradeTicks = price;
            trades++;
            tradedThisCommand = true;
            if (maker.openLots() == 0) {
                liveOrders[sideIndex(maker.side() == Side.BUY)]--;
                live[(int) maker.orderId()] = false;
            }
        }

        @Override
        public void onRestingRemoved(BookOrder order, EndReason reason) {
            liveOrders[sideIndex(order.side() == Side.BUY)]--;
            live[(int) order.orderId()] = false;
        }

        private static long clampToBand(long price) {
            return Math.max(BAND_LOW_TICKS, Math.min(BAND_HIGH_TICKS, price));
        }

        private static int sideIndex(boolean isBuy) {
            return isBuy ? 0 : 1;
        }

        private static Side side(boolean isBuy) {
            return isBuy ? Side.BUY : Side.SELL;
        }
    }

    /** Order ids in the order they were placed; ids no longer live are skipped and compacted away. */
    private static final class AgeOrderedIds {
        private final boolean[] live;
        private long[] ids = new long[4_096];
        private int head;
        private int tail;

        AgeOrderedIds(boolean[] live) {
            this.live = live;
        }

        void add(long id) {
            if (tail == ids.length) {
                compact();
                if (tail == ids.length) {
                    ids = Arrays.copyOf(ids, ids.length * 2);
                }
            }
            ids[tail++] = id;
        }

        /** The {@code index}-th oldest order still live. */
        long pick(int index) {
            while (head < tail && !live[(int) ids[head]]) {
                head++;
            }
            int seen = 0;
            for (int i = head; i < tail; i++) {
                if (live[(int) ids[i]] && seen++ == index) {
                    return ids[i];
                }
            }
            throw new IllegalStateException("fewer than " + (index + 1) + " live orders");
        }

        private void compact() {
            int kept = 0;
            for (int i = head; i < tail; i++) {
                if (live[(int) ids[i]]) {
                    ids[kept++] = ids[i];
                }
            }
            head = 0;
            tail = kept;
        }
    }
}
