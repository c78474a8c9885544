package io.bourse.core.shard;

import static io.bourse.core.ledger.Ledger.CASH;
import static io.bourse.core.ledger.Ledger.CLEARING;
import static io.bourse.core.ledger.Ledger.FEE_REVENUE;
import static io.bourse.core.shard.Orders.ACME;
import static io.bourse.core.shard.Orders.BULKY;
import static io.bourse.core.shard.Orders.buy;
import static io.bourse.core.shard.Orders.limit;
import static io.bourse.core.shard.Orders.market;
import static io.bourse.core.shard.Orders.sell;
import static io.bourse.core.shard.Orders.stop;
import static io.bourse.core.shard.Orders.stopLimit;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.RejectReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command.AmendOrder;
import io.bourse.core.shard.Command.CancelOrder;
import io.bourse.core.shard.Command.Deposit;
import io.bourse.core.shard.Command.PlaceOrder;
import io.bourse.core.shard.Command.Withdraw;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of one shard that holds both the accounts and the book (messages to itself). */
class ShardStateMachineTest {
    private static final long ALICE = 11;
    private static final long BOB = 12;
    private static final long CAROL = 13;
    private static final long DOLLARS = 100;

    private ShardNetwork network;
    private ShardStateMachine shard;
    private long transferIds = 1;

    @BeforeEach
    void setUp() {
        network = new ShardNetwork(1);
        network.define(ACME, 1);
        network.define(BULKY, 1);
        shard = network.shards.get(1);
        for (long account : new long[] {ALICE, BOB, CAROL}) {
            deposit(account, CASH, 1_000_000 * DOLLARS);
            deposit(account, ACME.id(), 1_000);
        }
    }

    private CommandResult deposit(long account, int asset, long amount) {
        return apply(new Deposit(account, transferIds++, asset, amount));
    }

    private CommandResult apply(Command command) {
        CommandResult result = shard.apply(network.nowMillis, command);
        shard.checkInvariants();
        assertThat(shard.ledger().sumOfBalances(CASH)).isZero();
        assertThat(shard.ledger().sumOfBalances(ACME.id())).isZero();
        return result;
    }

    private long place(PlaceOrder order) {
        CommandResult result = apply(order);
        assertThat(result.outcome()).as("placing %s: %s", order, result.reason()).isEqualTo(Outcome.ACCEPTED);
        return result.id();
    }

    private void assertRejected(Command command, RejectReason reason) {
        String before = shard.stateHash();
        CommandResult result = apply(command);
        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(shard.stateHash()).as("a rejection changes nothing").isEqualTo(before);
    }

    private List<ShardEvent.OrderUpdated> updatesOf(long orderId) {
        return network.events.stream()
                .filter(e -> e instanceof ShardEvent.OrderUpdated u && u.orderId() == orderId)
                .map(e -> (ShardEvent.OrderUpdated) e).toList();
    }

    private ShardEvent.OrderUpdated lastUpdateOf(long orderId) {
        List<ShardEvent.OrderUpdated> updates = updatesOf(orderId);
        return updates.get(updates.size() - 1);
    }

    // ---- money in and out ----

    @Test
    void depositsAndWithdrawalsAreIdempotentByTransferId() {
        assertThat(apply(new Deposit(ALICE, 500, CASH, 2_500)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(apply(new Deposit(ALICE, 500, CASH, 2_500)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertRejected(new Deposit(ALICE, 500, CASH, 2_501), RejectReason.TRANSFER_ID_REUSED);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(1_000_000 * DOLLARS + 2_500);

        assertThat(apply(new Withdraw(ALICE, 501, CASH, 2_500)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(1_000_000 * DOLLARS);
    }

    @Test
    void withdrawalCannotExceedAvailableCash() {
        place(buy(ALICE, "b1", 10, 100_00));
        long available = shard.available(ALICE, CASH);
        assertRejected(new Withdraw(ALICE, 900, CASH, available + 1), RejectReason.INSUFFICIENT_FUNDS);
        assertThat(apply(new Withdraw(ALICE, 901, CASH, available)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.available(ALICE, CASH)).isZero();
    }

    @Test
    void depositsPastWhatTheShardMayHoldAreRejectedAndChangeNothing() {
        long room = Ledger.MAX_NET_INFLOW + shard.balance(Ledger.OUTSIDE_WORLD, CASH);
        assertRejected(new Deposit(BOB, 910, CASH, room + 1), RejectReason.DEPOSIT_LIMIT_REACHED);
        assertThat(apply(new Deposit(BOB, 911, CASH, room)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertRejected(new Deposit(ALICE, 912, CASH, 1), RejectReason.DEPOSIT_LIMIT_REACHED);
        assertThat(apply(new Withdraw(BOB, 913, CASH, 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(apply(new Deposit(ALICE, 912, CASH, 1)).outcome()).as("what went out made room").isEqualTo(Outcome.ACCEPTED);
        shard.checkInvariants();
    }

    @Test
    void badTransfersAreRejected() {
        assertRejected(new Deposit(ALICE, 900, CASH, 0), RejectReason.INVALID_AMOUNT);
        assertRejected(new Deposit(ALICE, 900, CASH, -1), RejectReason.INVALID_AMOUNT);
        assertRejected(new Deposit(0, 900, CASH, 10), RejectReason.INVALID_ACCOUNT);
        assertRejected(new Deposit(ALICE, 900, 99, 10), RejectReason.UNKNOWN_INSTRUMENT);
    }

    // ---- holds ----

    @Test
    void limitBuyHoldsPriceTimesQuantityPlusTheTakerFee() {
        long orderId = place(buy(ALICE, "b1", 10, 100_00));
        assertThat(shard.held(ALICE, CASH)).isEqualTo(10 * 100_00 + 10 * 2);
        assertThat(shard.openOrder(orderId).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void sellHoldsTheShares() {
        place(sell(ALICE, "s1", 300, 101_00));
        assertThat(shard.held(ALICE, ACME.id())).isEqualTo(300);
        assertThat(shard.available(ALICE, ACME.id())).isEqualTo(700);
    }

    @Test
    void marketBuyHoldsAtTheCollarPrice() {
        place(sell(BOB, "s1", 5, 102_00));
        // Reference $100.00 + 5 % collar = $105.00 a share, plus the taker fee.
        CommandResult result = apply(market(ALICE, "m1", Side.BUY, 10));
        ShardEvent.OrderUpdated first = updatesOf(result.id()).get(0);
        assertThat(first.status()).isEqualTo(OrderStatus.PENDING_NEW);
        assertThat(first.limitPriceTicks()).isEqualTo(105_00);
        // It bought the 5 on offer at $102.00 and the rest was canceled; every cent not spent is free again.
        assertThat(lastUpdateOf(result.id()).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(lastUpdateOf(result.id()).endReason()).isEqualTo(EndReason.IMMEDIATE_OR_CANCEL_REMAINDER);
        assertThat(shard.held(ALICE, CASH)).isZero();
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(1_000_000 * DOLLARS - 5 * 102_00 - 5 * 2);
        assertThat(shard.balance(ALICE, ACME.id())).isEqualTo(1_005);
    }

    @Test
    void ordersThatCannotBePaidForAreRejected() {
        assertRejected(buy(ALICE, "big", 100_000, 110_00), RejectReason.INSUFFICIENT_BUYING_POWER);
        assertRejected(sell(ALICE, "big", 1_001, 100_00), RejectReason.INSUFFICIENT_SHARES);
    }

    // ---- validation ----

    @Test
    void pricesAndQuantitiesMustFitTheInstrument() {
        PlaceOrder bulkyBuy = new PlaceOrder(ALICE, "x", BULKY.id(), Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100_00, 0, 10, false);
        assertThat(apply(bulkyBuy).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertRejected(new PlaceOrder(ALICE, "y", BULKY.id(), Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100_02, 0, 10, false),
                RejectReason.NOT_A_TICK_MULTIPLE);
        assertRejected(new PlaceOrder(ALICE, "y", BULKY.id(), Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100_00, 0, 15, false),
                RejectReason.NOT_A_LOT_MULTIPLE);
        assertRejected(buy(ALICE, "y", 10, 110_01), RejectReason.PRICE_OUTSIDE_BAND);
        assertRejected(buy(ALICE, "y", 10, 89_99), RejectReason.PRICE_OUTSIDE_BAND);
        assertRejected(buy(ALICE, "y", 0, 100_00), RejectReason.INVALID_QUANTITY);
        assertRejected(buy(ALICE, "y", 100_001, 100_00), RejectReason.QUANTITY_TOO_LARGE);
        assertRejected(buy(ALICE, "y", 10, 0), RejectReason.INVALID_PRICE);
        assertRejected(new PlaceOrder(ALICE, "y", 77, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100_00, 0, 10, false),
                RejectReason.UNKNOWN_INSTRUMENT);
        assertRejected(stop(ALICE, "y", Side.BUY, 10, 120_00), RejectReason.PRICE_OUTSIDE_BAND);
        assertRejected(new PlaceOrder(ALICE, "bad id!", ACME.id(), Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100_00, 0, 1, false),
                RejectReason.INVALID_CLIENT_ORDER_ID);
    }

    @Test
    void orderOptionsMustMakeSense() {
        // A market order trades at once; it cannot rest for the day.
        assertRejected(new PlaceOrder(ALICE, "y", ACME.id(), Side.BUY, OrderType.MARKET, TimeInForce.DAY, 0, 0, 10, false),
                RejectReason.INVALID_ORDER_OPTIONS);
        // Post-only only for a limit order that can rest.
        assertRejected(new PlaceOrder(ALICE, "y", ACME.id(), Side.BUY, OrderType.LIMIT, TimeInForce.IMMEDIATE_OR_CANCEL, 100_00, 0, 10, true),
                RejectReason.INVALID_ORDER_OPTIONS);
        // A market order carries no limit price.
        assertRejected(new PlaceOrder(ALICE, "y", ACME.id(), Side.BUY, OrderType.MARKET, TimeInForce.IMMEDIATE_OR_CANCEL, 100_00, 0, 10, false),
                RejectReason.INVALID_ORDER_OPTIONS);
        assertRejected(new PlaceOrder(ALICE, "y", ACME.id(), null, OrderType.LIMIT, TimeInForce.DAY, 100_00, 0, 10, false),
                RejectReason.INVALID_ORDER_OPTIONS);
        assertRejected(new PlaceOrder(ALICE, "y", ACME.id(), Side.BUY, OrderType.STOP, TimeInForce.DAY, 0, 0, 10, false),
                RejectReason.INVALID_STOP_PRICE);
    }

    // ---- trading and settlement ----

    @Test
    void aTradeSettlesBothSidesThroughClearingWithMakerAndTakerFees() {
        long sellId = place(sell(ALICE, "s1", 10, 100_00));
        long buyId = place(buy(BOB, "b1", 10, 101_00));

        // Bob took Alice's offer at her price: $1,000.00, plus 20 cents taker fee; Alice pays 10 cents maker fee.
        assertThat(shard.balance(BOB, CASH)).isEqualTo(1_000_000 * DOLLARS - 1_000_00 - 20);
        assertThat(shard.balance(BOB, ACME.id())).isEqualTo(1_010);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(1_000_000 * DOLLARS + 1_000_00 - 10);
        assertThat(shard.balance(ALICE, ACME.id())).isEqualTo(990);
        assertThat(shard.balance(FEE_REVENUE, CASH)).isEqualTo(30);
        assertThat(shard.balance(CLEARING, CASH)).isZero();
        assertThat(shard.balance(CLEARING, ACME.id())).isZero();
        assertThat(shard.held(BOB, CASH)).isZero();
        assertThat(shard.held(ALICE, ACME.id())).isZero();

        assertThat(lastUpdateOf(sellId).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(lastUpdateOf(buyId).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(shard.openOrderCount()).isZero();
        List<ShardEvent.OrderFilled> fills = network.events.stream()
                .filter(e -> e instanceof ShardEvent.OrderFilled).map(e -> (ShardEvent.OrderFilled) e).toList();
        assertThat(fills).extracting(ShardEvent.OrderFilled::orderId, ShardEvent.OrderFilled::maker, ShardEvent.OrderFilled::feeCents)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sellId, true, 10L), org.assertj.core.groups.Tuple.tuple(buyId, false, 20L));
        assertThat(fills.get(0).fillId()).isNotEqualTo(fills.get(1).fillId());
    }

    @Test
    void partialFillThenCancelReleasesTheRestOfTheHold() {
        place(sell(ALICE, "s1", 4, 100_00));
        long buyId = place(buy(BOB, "b1", 10, 100_00));
        assertThat(shard.openOrder(buyId).status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(shard.held(BOB, CASH)).isEqualTo(6 * 100_00 + 6 * 2);

        assertThat(apply(new CancelOrder(BOB, buyId)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.held(BOB, CASH)).isZero();
        assertThat(shard.balance(BOB, CASH)).isEqualTo(1_000_000 * DOLLARS - 4 * 100_00 - 4 * 2);
        assertThat(lastUpdateOf(buyId).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(lastUpdateOf(buyId).filledLots()).isEqualTo(4);
        assertRejected(new CancelOrder(BOB, buyId), RejectReason.UNKNOWN_ORDER);
    }

    @Test
    void nobodyCancelsAnotherAccountsOrder() {
        long sellId = place(sell(ALICE, "s1", 4, 100_00));
        assertRejected(new CancelOrder(BOB, sellId), RejectReason.UNKNOWN_ORDER);
        assertRejected(new AmendOrder(BOB, sellId, 101_00, 4), RejectReason.UNKNOWN_ORDER);
        assertThat(shard.openOrder(sellId)).isNotNull();
    }

    @Test
    void orderStatusGoesThroughItsLifecycle() {
        long sellId = place(sell(ALICE, "s1", 10, 100_00));
        place(buy(BOB, "b1", 4, 100_00));
        place(buy(BOB, "b2", 6, 100_00));
        assertThat(updatesOf(sellId)).extracting(ShardEvent.OrderUpdated::status).containsExactly(
                OrderStatus.PENDING_NEW, OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED, OrderStatus.FILLED);
    }

    @Test
    void immediateOrCancelTradesWhatItCanAndCancelsTheRest() {
        place(sell(ALICE, "s1", 3, 100_00));
        long id = place(limit(BOB, "b1", Side.BUY, 5, 100_00, TimeInForce.IMMEDIATE_OR_CANCEL));
        assertThat(lastUpdateOf(id).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(lastUpdateOf(id).filledLots()).isEqualTo(3);
        assertThat(shard.held(BOB, CASH)).isZero();
    }

    @Test
    void fillOrKillThatCannotFillLeavesNothingBehind() {
        place(sell(ALICE, "s1", 3, 100_00));
        long id = place(limit(BOB, "b1", Side.BUY, 5, 100_00, TimeInForce.FILL_OR_KILL));
        assertThat(lastUpdateOf(id).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(lastUpdateOf(id).endReason()).isEqualTo(EndReason.FILL_OR_KILL_NOT_FILLABLE);
        assertThat(shard.held(BOB, CASH)).isZero();
        assertThat(shard.balance(BOB, CASH)).isEqualTo(1_000_000 * DOLLARS);
        assertThat(shard.book(ACME.id()).bestAskTicks()).isEqualTo(100_00);
    }

    @Test
    void postOnlyThatWouldTradeIsRejected() {
        place(sell(ALICE, "s1", 3, 100_00));
        long id = place(new PlaceOrder(BOB, "b1", ACME.id(), Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 100_00, 0, 5, true));
        assertThat(lastUpdateOf(id).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(lastUpdateOf(id).endReason()).isEqualTo(EndReason.POST_ONLY_WOULD_TRADE);
        assertThat(shard.held(BOB, CASH)).isZero();
    }

    @Test
    void selfTradePreventionCancelsTheRestingOrder() {
        long sellId = place(sell(ALICE, "s1", 3, 100_00));
        long buyId = place(buy(ALICE, "b1", 5, 100_00));
        assertThat(lastUpdateOf(sellId).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(lastUpdateOf(sellId).endReason()).isEqualTo(EndReason.SELF_TRADE_PREVENTED);
        assertThat(shard.openOrder(buyId).status()).isEqualTo(OrderStatus.NEW);
        assertThat(shard.held(ALICE, ACME.id())).isZero();
        assertThat(shard.balance(ALICE, ACME.id())).isEqualTo(1_000);
    }

    // ---- stops ----

    @Test
    void stopBuyWaitsForTheLastTradeAndThenTradesAsAMarketOrder() {
        long stopId = place(stop(CAROL, "st1", Side.BUY, 5, 101_00));
        // Held at the stop price plus the collar: $101.00 + 5 % = $106.05.
        assertThat(shard.held(CAROL, CASH)).isEqualTo(5 * 106_05 + 5 * 2);
        assertThat(shard.openOrder(stopId).status()).isEqualTo(OrderStatus.NEW);
        assertThat(shard.waitingStopCount(ACME.id())).isEqualTo(1);

        place(sell(ALICE, "s1", 2, 100_00));
        place(buy(BOB, "b1", 2, 100_00)); // trades at $100.00: not yet
        assertThat(shard.openOrder(stopId)).isNotNull();

        place(sell(ALICE, "s2", 1, 101_00));
        place(sell(ALICE, "s3", 10, 103_00));
        place(buy(BOB, "b2", 1, 101_00)); // trades at $101.00: triggers
        assertThat(shard.waitingStopCount(ACME.id())).isZero();
        assertThat(lastUpdateOf(stopId).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(shard.balance(CAROL, ACME.id())).isEqualTo(1_005);
        assertThat(shard.balance(CAROL, CASH)).isEqualTo(1_000_000 * DOLLARS - 5 * 103_00 - 5 * 2);
        assertThat(shard.held(CAROL, CASH)).isZero();
    }

    @Test
    void stopLimitSellTriggersAndRestsAtItsLimit() {
        long stopId = place(stopLimit(CAROL, "st1", Side.SELL, 5, 99_00, 98_50));
        place(buy(BOB, "b0", 1, 99_00));
        place(sell(ALICE, "s1", 1, 99_00)); // trades at $99.00: triggers
        assertThat(shard.openOrder(stopId).status()).isEqualTo(OrderStatus.NEW);
        assertThat(shard.book(ACME.id()).bestAskTicks()).isEqualTo(98_50);
        assertThat(shard.held(CAROL, ACME.id())).isEqualTo(5);
    }

    @Test
    void stopAlreadyPastItsTriggerTradesAtOnce() {
        place(sell(ALICE, "s1", 1, 101_00));
        place(buy(BOB, "b1", 1, 101_00)); // last trade $101.00
        place(sell(ALICE, "s2", 5, 102_00));
        long stopId = place(stop(CAROL, "st1", Side.BUY, 5, 100_00));
        assertThat(lastUpdateOf(stopId).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void stopsCanBeCanceledWhileWaiting() {
        long stopId = place(stop(CAROL, "st1", Side.BUY, 5, 101_00));
        apply(new CancelOrder(CAROL, stopId));
        assertThat(lastUpdateOf(stopId).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(shard.waitingStopCount(ACME.id())).isZero();
        assertThat(shard.held(CAROL, CASH)).isZero();
    }

    // ---- amendments ----

    @Test
    void reducingQuantityKeepsPriorityAndReleasesHold() {
        long first = place(sell(ALICE, "s1", 10, 100_00));
        long second = place(sell(BOB, "s2", 10, 100_00));
        assertThat(apply(new AmendOrder(ALICE, first, 100_00, 4)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.held(ALICE, ACME.id())).isEqualTo(4);

        place(buy(CAROL, "b1", 5, 100_00));
        assertThat(lastUpdateOf(first).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(shard.openOrder(second).filledLots()).isEqualTo(1);
    }

    @Test
    void changingPriceLosesPriority() {
        long first = place(sell(ALICE, "s1", 10, 100_00));
        long second = place(sell(BOB, "s2", 10, 100_00));
        apply(new AmendOrder(ALICE, first, 101_00, 10));
        apply(new AmendOrder(ALICE, first, 100_00, 10));
        place(buy(CAROL, "b1", 5, 100_00));
        assertThat(shard.openOrder(second).filledLots()).isEqualTo(5);
        assertThat(shard.openOrder(first).filledLots()).isZero();
    }

    @Test
    void raisingABuyGrowsTheHoldAndLoweringItShrinksIt() {
        long id = place(buy(ALICE, "b1", 10, 100_00));
        apply(new AmendOrder(ALICE, id, 105_00, 10));
        assertThat(shard.held(ALICE, CASH)).isEqualTo(10 * 105_00 + 10 * 2);
        apply(new AmendOrder(ALICE, id, 95_00, 20));
        assertThat(shard.held(ALICE, CASH)).isEqualTo(20 * 95_00 + 20 * 2);
        assertThat(shard.openOrder(id).limitPriceTicks()).isEqualTo(95_00);
        assertThat(shard.openOrder(id).totalLots()).isEqualTo(20);
    }

    @Test
    void anAmendmentKeepsWhatItDoesNotNameAsTheOrderHasItWhenApplied() {
        long id = place(buy(ALICE, "b1", 10, 100_00));
        apply(new AmendOrder(ALICE, id, 99_00, AmendOrder.KEEP));
        assertThat(shard.openOrder(id).limitPriceTicks()).isEqualTo(99_00);
        assertThat(shard.openOrder(id).totalLots()).isEqualTo(10);
        // A quantity-only amendment after it keeps the new price, not the one the order was placed at.
        apply(new AmendOrder(ALICE, id, AmendOrder.KEEP, 20));
        assertThat(shard.openOrder(id).limitPriceTicks()).isEqualTo(99_00);
        assertThat(shard.openOrder(id).totalLots()).isEqualTo(20);
        assertThat(shard.held(ALICE, CASH)).isEqualTo(20 * 99_00 + 20 * 2);
        assertRejected(new AmendOrder(ALICE, id, AmendOrder.KEEP, AmendOrder.KEEP), RejectReason.NOTHING_TO_AMEND);
        assertRejected(new AmendOrder(ALICE, 999, AmendOrder.KEEP, 5), RejectReason.UNKNOWN_ORDER);
    }

    @Test
    void amendingIntoTheSpreadTradesAsATaker() {
        place(sell(BOB, "s1", 3, 101_00));
        long id = place(buy(ALICE, "b1", 10, 100_00));
        apply(new AmendOrder(ALICE, id, 101_00, 10));
        OrderView order = shard.openOrder(id);
        assertThat(order.filledLots()).isEqualTo(3);
        assertThat(order.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(shard.held(ALICE, CASH)).isEqualTo(7 * 101_00 + 7 * 2);
        assertThat(shard.balance(ALICE, ACME.id())).isEqualTo(1_003);
    }

    @Test
    void amendmentsThatCannotBeAppliedAreRejected() {
        place(sell(BOB, "s1", 4, 100_00));
        long id = place(buy(ALICE, "b1", 10, 100_00));
        assertRejected(new AmendOrder(ALICE, id, 100_00, 4), RejectReason.QUANTITY_BELOW_FILLED);
        assertRejected(new AmendOrder(ALICE, id, 100_00, 10), RejectReason.NOTHING_TO_AMEND);
        assertRejected(new AmendOrder(ALICE, id, 100_03, 100_000), RejectReason.INSUFFICIENT_BUYING_POWER);
        assertRejected(new AmendOrder(ALICE, id, 120_00, 10), RejectReason.PRICE_OUTSIDE_BAND);
        assertRejected(new AmendOrder(ALICE, 999, 100_00, 10), RejectReason.UNKNOWN_ORDER);
    }

    // ---- idempotency, time and limits ----

    @Test
    void sameClientOrderIdReturnsTheFirstOrder() {
        long id = place(buy(ALICE, "b1", 10, 100_00));
        CommandResult again = apply(buy(ALICE, "b1", 10, 100_00));
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.id()).isEqualTo(id);
        assertThat(shard.openOrderCount()).isEqualTo(1);
        assertRejected(buy(ALICE, "b1", 11, 100_00), RejectReason.CLIENT_ORDER_ID_REUSED);
        // Another account may use the same client order id.
        place(buy(BOB, "b1", 10, 100_00));
    }

    @Test
    void clientOrderIdIsRememberedForADayAfterTheOrderEnds() {
        long id = place(buy(ALICE, "b1", 10, 100_00));
        apply(new CancelOrder(ALICE, id));
        network.nowMillis += ShardLimits.DAY_MILLIS - 1;
        assertThat(apply(buy(ALICE, "b1", 10, 100_00)).outcome()).isEqualTo(Outcome.DUPLICATE);
        network.nowMillis += 2;
        place(buy(ALICE, "other", 1, 100_00)); // an acceptance checks the window and forgets the old id
        assertThat(apply(buy(ALICE, "b1", 10, 100_00)).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void endOfDayExpiresDayOrdersAndStopsOnly() {
        long day = place(limit(ALICE, "d1", Side.BUY, 10, 99_00, TimeInForce.DAY));
        long gtc = place(limit(ALICE, "g1", Side.BUY, 10, 98_00, TimeInForce.GOOD_TILL_CANCELED));
        long dayStop = place(stop(ALICE, "st1", Side.BUY, 10, 105_00));
        apply(new Command.EndTradingDay());
        assertThat(lastUpdateOf(day).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(lastUpdateOf(dayStop).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(shard.openOrder(gtc).status()).isEqualTo(OrderStatus.NEW);
        assertThat(shard.held(ALICE, CASH)).isEqualTo(10 * 98_00 + 10 * 2);
    }

    @Test
    void aNumberedDayEndsOnceAndNeverBeforeItHasBegun() {
        network.nowMillis = 1_800_000_000_000L; // 2027-01-15
        long today = Math.floorDiv(network.nowMillis, ShardLimits.DAY_MILLIS);
        long first = place(limit(ALICE, "d1", Side.BUY, 10, 99_00, TimeInForce.DAY));
        assertRejected(new Command.EndTradingDay(today + 1), RejectReason.TRADING_DAY_NOT_BEGUN);
        assertRejected(new Command.EndTradingDay(-1), RejectReason.MALFORMED_COMMAND);

        assertThat(apply(new Command.EndTradingDay(today)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(lastUpdateOf(first).status()).isEqualTo(OrderStatus.EXPIRED);

        // A retry, or a second operator, the same day: the new day's orders stay.
        long second = place(limit(ALICE, "d2", Side.BUY, 10, 99_00, TimeInForce.DAY));
        String before = shard.stateHash();
        assertThat(apply(new Command.EndTradingDay(today)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(apply(new Command.EndTradingDay(today - 1)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(shard.stateHash()).isEqualTo(before);
        assertThat(shard.openOrder(second).status()).isEqualTo(OrderStatus.NEW);

        network.nowMillis += ShardLimits.DAY_MILLIS;
        assertThat(apply(new Command.EndTradingDay(today + 1)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(lastUpdateOf(second).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(ShardStateMachine.restore(shard.snapshot(), ShardLimits.defaults(), ShardEvent.Sink.NONE)
                .apply(network.nowMillis, new Command.EndTradingDay(today + 1)).outcome()).as("remembered in the snapshot")
                .isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void tooManyOpenOrdersIsALimitNotAFailure() {
        ShardLimits tight = new ShardLimits(ShardLimits.DAY_MILLIS, 2, 100, 100, 100);
        network = new ShardNetwork(tight, 1);
        network.define(ACME, 1);
        shard = network.shards.get(1);
        deposit(ALICE, CASH, 1_000_000 * DOLLARS);
        place(buy(ALICE, "b1", 1, 100_00));
        place(buy(ALICE, "b2", 1, 100_00));
        assertRejected(buy(ALICE, "b3", 1, 100_00), RejectReason.TOO_MANY_OPEN_ORDERS);
    }

    @Test
    void clientOrderIdsOfEndedOrdersMakeRoomOncePastTheGuaranteeButOpenOnesNever() {
        network = new ShardNetwork(new ShardLimits(ShardLimits.DAY_MILLIS, 10, 100, 3, 100), 1);
        network.define(ACME, 1);
        shard = network.shards.get(1);
        deposit(ALICE, CASH, 1_000_000 * DOLLARS);
        long[] orders = {place(buy(ALICE, "c1", 1, 99_00)), place(buy(ALICE, "c2", 1, 99_00)), place(buy(ALICE, "c3", 1, 99_00))};
        network.nowMillis += ShardLimits.GUARANTEE_MILLIS + 1;
        // Open orders' ids are never forgotten, however old.
        assertThat(apply(buy(ALICE, "c4", 1, 99_00)).reason()).isEqualTo(RejectReason.LIMIT_REACHED);
        assertThat(shard.openOrderCount()).isEqualTo(3);

        for (long order : orders) {
            apply(new CancelOrder(ALICE, order));
        }
        // Ended, but only just: still within the guarantee.
        assertRejected(buy(ALICE, "c4", 1, 99_00), RejectReason.LIMIT_REACHED);
        assertThat(apply(buy(ALICE, "c2", 1, 99_00))).isEqualTo(CommandResult.duplicate(orders[1]));

        network.nowMillis += ShardLimits.GUARANTEE_MILLIS + 1;
        place(buy(ALICE, "c4", 1, 99_00));
        assertThat(apply(buy(ALICE, "c2", 1, 99_00))).as("the younger ids are kept").isEqualTo(CommandResult.duplicate(orders[1]));
        assertThat(apply(buy(ALICE, "c1", 1, 99_00)).id()).as("the oldest made room: c1 is a new order").isNotEqualTo(orders[0]);
    }

    @Test
    void accountsOfAnotherShardAreRefused() {
        network = new ShardNetwork(1, 2);
        network.define(ACME, 1);
        shard = network.shards.get(1);
        long foreign = 1;
        while (shard.shardOfAccount(foreign) == 1) {
            foreign++;
        }
        assertRejected(new Deposit(foreign, 1, CASH, 100), RejectReason.WRONG_SHARD);
        assertRejected(buy(foreign, "b1", 1, 100_00), RejectReason.WRONG_SHARD);
    }

    @Test
    void malformedAdministrationIsRefused() {
        assertRejected(new Command.DefineInstrument(null, 1), RejectReason.MALFORMED_COMMAND);
        assertThat(apply(new Command.DefineInstrument(ACME, 1)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertRejected(new Command.DefineInstrument(ACME.withReferencePrice(50_00), 1), RejectReason.INSTRUMENT_ALREADY_DEFINED);
        assertRejected(new Command.AssignSlots(5, 2000, 1), RejectReason.MALFORMED_COMMAND);
        assertRejected(new Command.SetReferencePrice(99, 100), RejectReason.UNKNOWN_INSTRUMENT);
        assertRejected(null, RejectReason.MALFORMED_COMMAND);
    }

    @Test
    void movingTheReferencePriceMovesTheBand() {
        assertRejected(buy(ALICE, "b1", 1, 115_00), RejectReason.PRICE_OUTSIDE_BAND);
        apply(new Command.SetReferencePrice(ACME.id(), 110_00));
        place(buy(ALICE, "b1", 1, 115_00));
    }
}
