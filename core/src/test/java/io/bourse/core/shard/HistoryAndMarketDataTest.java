package io.bourse.core.shard;

import static io.bourse.core.ledger.Ledger.CASH;
import static io.bourse.core.shard.Orders.ACME;
import static io.bourse.core.shard.Orders.BULKY;
import static io.bourse.core.shard.Orders.buy;
import static io.bourse.core.shard.Orders.sell;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.Side;
import io.bourse.core.shard.Command.Deposit;
import io.bourse.core.shard.Command.PlaceOrder;
import io.bourse.core.shard.Command.Withdraw;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a shard remembers besides balances: order and fill history, cost basis and P&L, and market data. */
class HistoryAndMarketDataTest {
    private static final long ALICE = 11;
    private static final long BOB = 12;
    private static final long CAROL = 13;
    private static final long START = 1_800_000_000_000L;

    private ShardNetwork network;
    private ShardStateMachine shard;
    private long transferIds = 1;

    @BeforeEach
    void setUp() {
        network = new ShardNetwork(1);
        network.nowMillis = CandleInterval.ONE_DAY.startOf(START) + 9 * 3_600_000L; // 09:00 UTC
        network.define(ACME, 1);
        network.define(BULKY, 1);
        shard = network.shards.get(1);
        for (long account : new long[] {ALICE, BOB, CAROL}) {
            apply(new Deposit(account, transferIds++, CASH, 10_000_000));
        }
        apply(new Deposit(BOB, transferIds++, ACME.id(), 100));
    }

    private CommandResult apply(Command command) {
        CommandResult result = shard.apply(network.nowMillis, command);
        shard.checkInvariants();
        return result;
    }

    private long place(PlaceOrder order) {
        CommandResult result = apply(order);
        assertThat(result.outcome()).as("%s: %s", order, result.reason()).isEqualTo(Outcome.ACCEPTED);
        return result.id();
    }

    @Test
    void positionsCarryAverageCostAndRealizedProfitToTheCent() {
        place(sell(BOB, "b1", 10, 10_000));          // Bob rests 10 @ $100.00, maker fee 1c a share
        place(buy(ALICE, "a1", 10, 10_000));          // Alice takes them, taker fee 2c a share
        place(sell(ALICE, "a2", 4, 10_100));          // Alice offers 4 @ $101.00
        place(buy(CAROL, "c1", 4, 10_100));           // Carol takes them

        // Alice paid 100,000 + 20 fee for 10; sold 4 for 40,400 - 4 fee; their average cost was 40,008.
        PositionView alice = shard.positions(ALICE).get(0);
        assertThat(alice.costBasisCents()).isEqualTo(100_020 - 40_008);
        assertThat(alice.realizedPnlCents()).isEqualTo(40_396 - 40_008);
        assertThat(shard.balance(ALICE, ACME.id())).isEqualTo(6);
        // Bob's deposited shares cost nothing, so everything he got for them, after fees, is realized.
        PositionView bob = shard.positions(BOB).get(0);
        assertThat(bob.costBasisCents()).isZero();
        assertThat(bob.realizedPnlCents()).isEqualTo(100_000 - 10);
        assertThat(shard.positions(CAROL).get(0).costBasisCents()).isEqualTo(40_400 + 8);
    }

    @Test
    void withdrawingSharesTakesTheirCostWithoutRealizingAnything() {
        place(sell(BOB, "b1", 10, 10_000));
        place(buy(ALICE, "a1", 10, 10_000));
        apply(new Withdraw(ALICE, transferIds++, ACME.id(), 5));

        PositionView alice = shard.positions(ALICE).get(0);
        assertThat(alice.costBasisCents()).isEqualTo(100_020 - 50_010);
        assertThat(alice.realizedPnlCents()).isZero();
    }

    @Test
    void fillsAndEndedOrdersAreKeptWithTheirTotals() {
        place(sell(BOB, "b1", 10, 10_000));
        long buyId = place(buy(ALICE, "a1", 15, 10_000));
        network.nowMillis += 5_000;
        apply(new Command.CancelOrder(ALICE, buyId));

        List<FillView> fills = shard.fills(ALICE);
        assertThat(fills).hasSize(1);
        FillView fill = fills.get(0);
        assertThat(fill.orderId()).isEqualTo(buyId);
        assertThat(fill.lots()).isEqualTo(10);
        assertThat(fill.notionalCents()).isEqualTo(100_000);
        assertThat(fill.feeCents()).isEqualTo(20);
        assertThat(fill.maker()).isFalse();
        assertThat(shard.fills(BOB).get(0).maker()).isTrue();

        OrderView ended = shard.endedOrders(ALICE).get(0);
        assertThat(ended.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(ended.endReason()).isEqualTo(EndReason.CANCELED_BY_OWNER);
        assertThat(ended.filledLots()).isEqualTo(10);
        assertThat(ended.filledNotionalCents()).isEqualTo(100_000);
        assertThat(ended.feesCents()).isEqualTo(20);
        assertThat(ended.updatedAtMillis() - ended.createdAtMillis()).isEqualTo(5_000);
        assertThat(shard.endedOrders(BOB).get(0).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void oneOrderIsFoundOpenOrEndedButOnlyByItsOwner() {
        long resting = place(buy(ALICE, "a1", 5, 9_000));
        long canceled = place(buy(ALICE, "a2", 5, 9_000));
        apply(new Command.CancelOrder(ALICE, canceled));

        assertThat(shard.order(ALICE, resting).status()).isEqualTo(OrderStatus.NEW);
        assertThat(shard.order(ALICE, canceled).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(shard.order(BOB, resting)).isNull();
        assertThat(shard.order(BOB, canceled)).isNull();
        assertThat(shard.order(ALICE, 999_999)).isNull();
    }

    @Test
    void historyIsBoundedPerAccount() {
        int bound = ShardLimits.defaults().endedOrdersPerAccount();
        for (int i = 0; i < bound + 5; i++) {
            long id = place(buy(ALICE, "o" + i, 1, 9_000));
            apply(new Command.CancelOrder(ALICE, id));
        }
        List<OrderView> ended = shard.endedOrders(ALICE);
        assertThat(ended).hasSize(bound);
        assertThat(ended.get(0).clientOrderId()).isEqualTo("o5");
    }

    @Test
    void depositsAndWithdrawalsAreKeptOnceEachAndOnlyWhenApplied() {
        long start = network.nowMillis;
        network.nowMillis += 1_000;
        apply(new Withdraw(ALICE, 500, CASH, 2_500));
        apply(new Withdraw(ALICE, 500, CASH, 2_500));                                   // a retry: applied once
        assertThat(apply(new Withdraw(ALICE, 501, CASH, 999_999_999)).reason()).isEqualTo(io.bourse.core.order.RejectReason.INSUFFICIENT_FUNDS);
        apply(new Withdraw(BOB, 502, ACME.id(), 40));

        assertThat(shard.transfers(ALICE)).containsExactly(
                new TransferView(1, CASH, true, 10_000_000, start),
                new TransferView(500, CASH, false, 2_500, start + 1_000));
        assertThat(shard.transfers(BOB)).containsExactly(
                new TransferView(2, CASH, true, 10_000_000, start),
                new TransferView(4, ACME.id(), true, 100, start),
                new TransferView(502, ACME.id(), false, 40, start + 1_000));
        assertThat(shard.transfers(99)).isEmpty();
    }

    @Test
    void transfersAreBoundedPerAccount() {
        int bound = ShardLimits.defaults().transfersPerAccount();
        for (int i = 0; i < bound + 3; i++) {
            apply(new Deposit(CAROL, 1_000 + i, CASH, 1));
        }
        List<TransferView> kept = shard.transfers(CAROL);
        assertThat(kept).hasSize(bound);
        assertThat(kept.get(0).transferId()).isEqualTo(1_000 + 3);   // the setup's deposit and the three oldest are gone
        assertThat(kept.get(bound - 1).transferId()).isEqualTo(1_000 + bound + 2);
    }

    @Test
    void tradesMakeDayFiguresRecentTradesAndCandles() {
        place(sell(BOB, "b1", 10, 10_000));
        place(buy(ALICE, "a1", 6, 10_000));
        network.nowMillis += 60_000;                  // the next minute
        place(sell(BOB, "b2", 5, 10_050));
        place(buy(CAROL, "c1", 9, 10_050));           // takes 4 @ 100.00 and 5 @ 100.50

        MarketStatsView stats = shard.marketStats(ACME.id());
        assertThat(stats.lastTicks()).isEqualTo(10_050);
        assertThat(stats.previousCloseTicks()).isEqualTo(ACME.referencePriceTicks());
        assertThat(stats.openTicks()).isEqualTo(10_000);
        assertThat(stats.highTicks()).isEqualTo(10_050);
        assertThat(stats.lowTicks()).isEqualTo(10_000);
        assertThat(stats.volumeLots()).isEqualTo(15);
        assertThat(stats.tradeCount()).isEqualTo(3);

        assertThat(shard.recentTrades(ACME.id())).extracting(TradeView::priceTicks).containsExactly(10_000L, 10_000L, 10_050L);
        assertThat(shard.recentTrades(ACME.id()).get(2).aggressorSide()).isEqualTo(Side.BUY);
        List<CandleView> minutes = shard.candles(ACME.id(), CandleInterval.ONE_MINUTE);
        assertThat(minutes).hasSize(2);
        assertThat(minutes.get(0)).isEqualTo(new CandleView(CandleInterval.ONE_MINUTE.startOf(network.nowMillis - 60_000),
                10_000, 10_000, 10_000, 10_000, 6));
        assertThat(minutes.get(1)).isEqualTo(new CandleView(CandleInterval.ONE_MINUTE.startOf(network.nowMillis),
                10_000, 10_050, 10_000, 10_050, 9));
        assertThat(shard.candles(ACME.id(), CandleInterval.ONE_DAY)).singleElement()
                .isEqualTo(new CandleView(CandleInterval.ONE_DAY.startOf(network.nowMillis), 10_000, 10_050, 10_000, 10_050, 15));

        apply(new Command.EndTradingDay());
        MarketStatsView nextDay = shard.marketStats(ACME.id());
        assertThat(nextDay.previousCloseTicks()).isEqualTo(10_050);
        assertThat(nextDay.volumeLots()).isZero();
        assertThat(nextDay.lastTicks()).isEqualTo(10_050);
    }

    @Test
    void everyDepthChangeIsPublishedWithTheInstrumentsNextSequence() {
        network.events.clear();
        long before = shard.marketDataSequence(ACME.id());
        place(sell(BOB, "b1", 10, 10_000));
        place(sell(BOB, "b2", 5, 10_000));
        place(buy(ALICE, "a1", 12, 10_000));

        List<ShardEvent> marketData = network.events.stream()
                .filter(e -> e instanceof ShardEvent.BookLevelChanged || e instanceof ShardEvent.TradePrinted).toList();
        assertThat(marketData).hasSize(5); // level 10 lots, level 15 lots, two trades, level 3 lots
        for (int i = 0; i < marketData.size(); i++) {
            long sequence = marketData.get(i) instanceof ShardEvent.BookLevelChanged c ? c.sequence()
                    : ((ShardEvent.TradePrinted) marketData.get(i)).sequence();
            assertThat(sequence).isEqualTo(before + i + 1);
        }
        ShardEvent.BookLevelChanged last = (ShardEvent.BookLevelChanged) marketData.get(4);
        assertThat(last.side()).isEqualTo(Side.SELL);
        assertThat(last.lots()).isEqualTo(3);
        assertThat(last.orders()).isEqualTo(1);
        assertThat(shard.marketDataSequence(ACME.id())).isEqualTo(before + 5);
    }

    @Test
    void aHaltedMarketRefusesNewOrdersAndAmendmentsButLetsOrdersBeCanceled() {
        long resting = place(sell(BOB, "b1", 10, 10_100));
        assertThat(apply(new Command.HaltTrading(ACME.id(), true)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.marketStats(ACME.id()).halted()).isTrue();

        long refused = place(buy(ALICE, "a1", 10, 10_100));
        OrderView ended = shard.endedOrders(ALICE).get(0);
        assertThat(ended.orderId()).isEqualTo(refused);
        assertThat(ended.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(ended.endReason()).isEqualTo(EndReason.MARKET_HALTED);
        assertThat(shard.available(ALICE, CASH)).isEqualTo(10_000_000);
        apply(new Command.AmendOrder(BOB, resting, 10_200, 10));
        assertThat(shard.openOrder(resting).limitPriceTicks()).isEqualTo(10_100);

        apply(new Command.CancelOrder(BOB, resting));
        assertThat(shard.openOrders(BOB)).isEmpty();
        apply(new Command.HaltTrading(ACME.id(), false));
        place(sell(BOB, "b2", 10, 10_100));
        place(buy(ALICE, "a2", 10, 10_100));
        assertThat(shard.balance(ALICE, ACME.id())).isEqualTo(10);
        assertThat(apply(new Command.HaltTrading(99, true)).reason()).isEqualTo(io.bourse.core.order.RejectReason.UNKNOWN_INSTRUMENT);
    }

    @Test
    void aSnapshotKeepsHistoryUsersAndMarketData() {
        apply(new Command.RegisterUser(ALICE, "alice", "digest"));
        place(sell(BOB, "b1", 10, 10_000));
        place(buy(ALICE, "a1", 10, 10_000));
        apply(new Command.Idempotent(ALICE, "k", 5, new Deposit(ALICE, 999, CASH, 1)));

        ShardStateMachine restored = ShardStateMachine.restore(shard.snapshot(), ShardLimits.defaults(), ShardEvent.Sink.NONE);

        assertThat(restored.stateHash()).isEqualTo(shard.stateHash());
        assertThat(restored.user(ALICE)).isEqualTo(shard.user(ALICE));
        assertThat(restored.positions(ALICE)).isEqualTo(shard.positions(ALICE));
        assertThat(restored.fills(ALICE)).isEqualTo(shard.fills(ALICE));
        assertThat(restored.endedOrders(BOB)).isEqualTo(shard.endedOrders(BOB));
        assertThat(restored.transfers(ALICE)).hasSize(2).isEqualTo(shard.transfers(ALICE));
        assertThat(restored.candles(ACME.id(), CandleInterval.ONE_HOUR)).isEqualTo(shard.candles(ACME.id(), CandleInterval.ONE_HOUR));
        assertThat(restored.marketStats(ACME.id())).isEqualTo(shard.marketStats(ACME.id()));
        assertThat(restored.apply(network.nowMillis, new Command.Idempotent(ALICE, "k", 5, new Deposit(ALICE, 1_000, CASH, 1))).id())
                .isEqualTo(999);
    }
}
