package io.bourse.core.shard;

import io.bourse.core.book.BookOrder;
import io.bourse.core.book.MatchListener;
import io.bourse.core.book.OrderBook;
import io.bourse.core.book.Placement;
import io.bourse.core.book.PriceTimeOrderBook;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Message.AmendRequest;
import io.bourse.core.shard.Message.SubmitOrder;

/**
 * The market side for one instrument: its book, its waiting stops, and its last trade price.
 * Reports every outcome to the account shard that owns the order, in the order it happens:
 * fills first, then whether the order rests or ended.
 */
final class Market implements MatchListener {
    final int instrumentId;
    final OrderBook book = new PriceTimeOrderBook();
    final StopBook stops = new StopBook();
    long lastTradeTicks;
    /** Counts this instrument's market-data events, so subscribers can detect gaps. */
    long marketDataSequence;
    final MarketData data = new MarketData();
    /** While halted, new orders are refused and amendments not applied; cancels still work. */
    boolean halted;
    /** Price levels the current operation changed, to publish once it is done. */
    private final TouchedLevels touched = new TouchedLevels();

    private final ShardContext shard;
    private final TradeIds tradeIds;
    // The order currently trading as taker, for onTrade.
    private int takerShard;
    private Side takerSide;

    Market(int instrumentId, ShardContext shard, TradeIds tradeIds) {
        this.instrumentId = instrumentId;
        this.shard = shard;
        this.tradeIds = tradeIds;
        this.levelPublisher = (price, lots, orders) -> shard.events.accept(new ShardEvent.BookLevelChanged(instrumentId,
                publishing, price, lots, orders, ++marketDataSequence, shard.logTimeMillis));
    }

    /** Hands out trade ids unique within the shard. */
    interface TradeIds {
        long next();
    }

    void submit(SubmitOrder order, int ownerShard) {
        if (halted) {
            shard.send(ownerShard, new Message.OrderEnded(order.orderId(), EndReason.MARKET_HALTED));
            return;
        }
        if (order.type().hasStopPrice() && !StopBook.isTriggered(order.side(), order.stopPriceTicks(), lastTradeTicks)) {
            stops.add(new StopBook.Stop(order, ownerShard));
            shard.send(ownerShard, new Message.OrderAccepted(order.orderId()));
            return;
        }
        trade(order, ownerShard);
        triggerStops();
        publishLevels();
    }

    void cancel(long orderId) {
        BookOrder resting = book.cancel(orderId);
        if (resting != null) {
            touched.add(resting.side(), resting.priceTicks());
            publishLevels();
            shard.send(resting.ownerTag(), new Message.OrderEnded(orderId, EndReason.CANCELED_BY_OWNER));
            return;
        }
        StopBook.Stop stop = stops.remove(orderId);
        if (stop != null) {
            shard.send(stop.ownerShard(), new Message.OrderEnded(orderId, EndReason.CANCELED_BY_OWNER));
        }
        // Otherwise the order already ended, and the message saying so is on its way.
    }

    void amend(AmendRequest request) {
        BookOrder resting = book.find(request.orderId());
        if (resting == null) {
            StopBook.Stop stop = stops.find(request.orderId());
            if (stop != null) {
                // A stop-limit that has not triggered yet keeps its terms.
                SubmitOrder order = stop.order();
                shard.send(stop.ownerShard(), new Message.AmendApplied(order.orderId(), false, order.limitPriceTicks(), order.lots(), 0));
            }
            return;
        }
        int ownerShard = resting.ownerTag();
        if (halted || request.newTotalLots() <= resting.filledLots()) {
            shard.send(ownerShard, new Message.AmendApplied(resting.orderId(), false, resting.priceTicks(), resting.totalLots(), resting.filledLots()));
            return;
        }
        // The answer goes before any fill the amendment causes: the account shard must know the new terms first.
        shard.send(ownerShard, new Message.AmendApplied(resting.orderId(), true, request.newPriceTicks(), request.newTotalLots(), resting.filledLots()));
        touched.add(resting.side(), resting.priceTicks());
        if (request.newPriceTicks() == resting.priceTicks() && request.newTotalLots() < resting.totalLots()) {
            book.reduce(resting.orderId(), request.newTotalLots());
            publishLevels();
            return;
        }
        if (request.newPriceTicks() == resting.priceTicks() && request.newTotalLots() == resting.totalLots()) {
            return;
        }
        takerShard = ownerShard;
        takerSide = resting.side();
        Placement placement = book.amend(resting, request.newPriceTicks(), request.newTotalLots(), this);
        if (placement == Placement.RESTED) {
            touched.add(resting.side(), request.newPriceTicks());
        }
        triggerStops();
        publishLevels();
    }

    void endDay() {
        book.expireDayOrders(this);
        stops.expireDayStops(stop -> shard.send(stop.ownerShard(), new Message.OrderEnded(stop.order().orderId(), EndReason.DAY_ENDED)));
        publishLevels();
        data.endDay(lastTradeTicks);
    }

    private void trade(SubmitOrder order, int ownerShard) {
        takerShard = ownerShard;
        takerSide = order.side();
        TimeInForce timeInForce = order.type() == OrderType.STOP ? TimeInForce.IMMEDIATE_OR_CANCEL : order.timeInForce();
        Placement placement = book.place(order.orderId(), order.accountId(), ownerShard, order.side(), order.limitPriceTicks(),
                order.lots(), timeInForce, order.postOnly(), this);
        if (placement == Placement.RESTED) {
            touched.add(order.side(), order.limitPriceTicks());
        }
        Message outcome = switch (placement) {
            case RESTED -> new Message.OrderAccepted(order.orderId());
            case FILLED -> null;
            case REMAINDER_CANCELED -> new Message.OrderEnded(order.orderId(), EndReason.IMMEDIATE_OR_CANCEL_REMAINDER);
            case KILLED -> new Message.OrderEnded(order.orderId(), EndReason.FILL_OR_KILL_NOT_FILLABLE);
            case POST_ONLY_REJECTED -> new Message.OrderEnded(order.orderId(), EndReason.POST_ONLY_WOULD_TRADE);
            case UNKNOWN_ORDER -> throw new IllegalStateException("placing a new order answered " + placement);
        };
        if (outcome != null) {
            shard.send(ownerShard, outcome);
        }
    }

    /** Triggered stops trade as new orders; their trades may trigger more. Each stop triggers once, so this ends. */
    private void triggerStops() {
        StopBook.Stop stop;
        while (stops.size() > 0 && (stop = stops.pollTriggered(lastTradeTicks)) != null) {
            trade(stop.order(), stop.ownerShard());
        }
    }

    @Override
    public void onTrade(BookOrder maker, long takerOrderId, long takerAccountId, long priceTicks, long lots) {
        long tradeId = tradeIds.next();
        lastTradeTicks = priceTicks;
        // Fill ids: the trade id, times two, plus one for the seller's side.
        long makerFillId = tradeId * 2 + (maker.side() == Side.SELL ? 1 : 0);
        long takerFillId = tradeId * 2 + (takerSide == Side.SELL ? 1 : 0);
        shard.send(maker.ownerTag(), new Message.OrderFilled(maker.orderId(), makerFillId, priceTicks, lots, true));
        shard.send(takerShard, new Message.OrderFilled(takerOrderId, takerFillId, priceTicks, lots, false));
        touched.add(maker.side(), priceTicks);
        data.onTrade(new TradeView(tradeId, priceTicks, lots, takerSide, shard.logTimeMillis));
        long sequence = ++marketDataSequence; // state, like the levels' count in publishLevels
        if (shard.events.wanted()) {
            shard.events.accept(new ShardEvent.TradePrinted(instrumentId, tradeId, priceTicks, lots, takerSide, sequence,
                    shard.logTimeMillis));
        }
    }

    @Override
    public void onRestingRemoved(BookOrder order, EndReason reason) {
        touched.add(order.side(), order.priceTicks());
        shard.send(order.ownerTag(), new Message.OrderEnded(order.orderId(), reason));
    }

    /** Tells subscribers how each level the operation touched now stands, in the order they were touched. */
    private void publishLevels() {
        if (!shard.events.wanted()) {
            // The sequence is state: it counts one event per touched level whether or not anyone hears it.
            marketDataSequence += touched.size;
            touched.size = 0;
            return;
        }
        for (int i = 0; i < touched.size; i++) {
            publishing = touched.sides[i];
            book.visitLevel(publishing, touched.prices[i], levelPublisher);
        }
        touched.size = 0;
    }

    /** The side {@link #levelPublisher} is publishing: one visitor for every level, so publishing allocates only the event. */
    private Side publishing;
    private final OrderBook.LevelVisitor levelPublisher;

    /** A small set of (side, price), in insertion order; one operation touches few levels. */
    private static final class TouchedLevels {
        Side[] sides = new Side[8];
        long[] prices = new long[8];
        int size;

        void add(Side side, long priceTicks) {
            for (int i = 0; i < size; i++) {
                if (prices[i] == priceTicks && sides[i] == side) {
                    return;
                }
            }
            if (size == prices.length) {
                sides = java.util.Arrays.copyOf(sides, size * 2);
                prices = java.util.Arrays.copyOf(prices, size * 2);
            }
            sides[size] = side;
            prices[size++] = priceTicks;
        }
    }
}
