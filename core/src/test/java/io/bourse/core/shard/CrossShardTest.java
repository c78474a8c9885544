package io.bourse.core.shard;

import static io.bourse.core.ledger.Ledger.CASH;
import static io.bourse.core.ledger.Ledger.CLEARING;
import static io.bourse.core.shard.Orders.ACME;
import static io.bourse.core.shard.Orders.buy;
import static io.bourse.core.shard.Orders.sell;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.RejectReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flows whose account side and market side live on different shards, connected by outboxes. */
class CrossShardTest {
    private ShardNetwork network;
    private long seller;
    private long buyer;

    @BeforeEach
    void setUp() {
        network = new ShardNetwork(1, 2, 3);
        network.define(ACME, 3);
        seller = accountOn(1);
        buyer = accountOn(2);
        network.send(seller, new Command.Deposit(seller, 1, ACME.id(), 100));
        network.send(buyer, new Command.Deposit(buyer, 2, CASH, 1_000_000));
    }

    private long accountOn(int shard) {
        long account = 1;
        while (network.shards.get(1).shardOfAccount(account) != shard) {
            account++;
        }
        return account;
    }

    @Test
    void ordersOfAccountsOnDifferentShardsMatchAndSettleOnEachSide() {
        CommandResult sold = network.send(seller, sell(seller, "s1", 10, 100_00));
        CommandResult bought = network.send(buyer, buy(buyer, "b1", 10, 100_00));

        ShardStateMachine sellerShard = network.shards.get(1);
        ShardStateMachine buyerShard = network.shards.get(2);
        assertThat(sellerShard.balance(seller, CASH)).isEqualTo(10 * 100_00 - 10);
        assertThat(sellerShard.balance(seller, ACME.id())).isEqualTo(90);
        assertThat(buyerShard.balance(buyer, CASH)).isEqualTo(1_000_000 - 10 * 100_00 - 20);
        assertThat(buyerShard.balance(buyer, ACME.id())).isEqualTo(10);
        // Each shard's clearing account carries its side of the trade; together they are flat.
        assertThat(sellerShard.balance(CLEARING, CASH)).isEqualTo(-10 * 100_00);
        assertThat(buyerShard.balance(CLEARING, CASH)).isEqualTo(10 * 100_00);
        assertThat(network.clearing(CASH)).isZero();
        assertThat(network.clearing(ACME.id())).isZero();
        assertThat(sellerShard.openOrder(sold.id())).isNull();
        assertThat(buyerShard.openOrder(bought.id())).isNull();
        network.checkInvariants();
    }

    @Test
    void anOrderStaysPendingUntilTheMarketShardAnswers() {
        CommandResult placed = network.sendWithoutDelivery(seller, sell(seller, "s1", 10, 100_00));
        ShardStateMachine sellerShard = network.shards.get(1);
        assertThat(sellerShard.openOrder(placed.id()).status()).isEqualTo(OrderStatus.PENDING_NEW);
        assertThat(sellerShard.held(seller, ACME.id())).isEqualTo(10);
        assertThat(sellerShard.outbox(3).size()).isEqualTo(1);

        network.deliverAll();
        assertThat(sellerShard.openOrder(placed.id()).status()).isEqualTo(OrderStatus.NEW);
        assertThat(sellerShard.outbox(3).size()).as("acknowledged messages are trimmed").isZero();
    }

    @Test
    void aMessageDeliveredTwiceIsAppliedOnce() {
        CommandResult placed = network.sendWithoutDelivery(seller, sell(seller, "s1", 10, 100_00));
        ShardStateMachine market = network.shards.get(3);
        Message submit = network.shards.get(1).outbox(3).message(1);

        assertThat(market.apply(network.nowMillis, new Command.Deliver(1, 1, submit)).outcome()).isEqualTo(Outcome.ACCEPTED);
        String afterFirst = market.stateHash();
        assertThat(market.apply(network.nowMillis, new Command.Deliver(1, 1, submit)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(market.stateHash()).isEqualTo(afterFirst);
        assertThat(market.book(ACME.id()).find(placed.id())).isNotNull();
        assertThat(market.book(ACME.id()).restingOrderCount()).isEqualTo(1);
    }

    @Test
    void aMessageOutOfOrderIsRefusedAndChangesNothing() {
        network.sendWithoutDelivery(seller, sell(seller, "s1", 10, 100_00));
        network.sendWithoutDelivery(seller, sell(seller, "s2", 10, 100_00));
        ShardStateMachine market = network.shards.get(3);
        Message second = network.shards.get(1).outbox(3).message(2);
        String before = market.stateHash();

        CommandResult result = market.apply(network.nowMillis, new Command.Deliver(1, 2, second));
        assertThat(result.reason()).isEqualTo(RejectReason.MESSAGE_OUT_OF_ORDER);
        assertThat(market.stateHash()).isEqualTo(before);
    }

    @Test
    void malformedOrMisroutedMessagesAreRefused() {
        ShardStateMachine market = network.shards.get(3);
        ShardStateMachine accounts = network.shards.get(1);
        String before = market.stateHash();
        // A book this shard does not hold.
        assertThat(market.apply(1, new Command.Deliver(1, 1, new Message.CancelRequest(5, 99))).reason())
                .isEqualTo(RejectReason.UNKNOWN_INSTRUMENT);
        // A fill for an order that is not open here.
        assertThat(accounts.apply(1, new Command.Deliver(3, 1, new Message.OrderFilled(12345, 1, 100, 1, true))).reason())
                .isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(market.apply(1, new Command.Deliver(3, 1, null)).reason()).isEqualTo(RejectReason.MALFORMED_COMMAND);
        assertThat(market.apply(1, new Command.Deliver(99_999, 1, new Message.OrderAccepted(1))).reason())
                .isEqualTo(RejectReason.MALFORMED_COMMAND);
        assertThat(market.apply(1, new Command.AcknowledgeDelivery(2, 5)).reason()).isEqualTo(RejectReason.MALFORMED_COMMAND);
        assertThat(market.stateHash()).isEqualTo(before);
        assertThat(market.lastAppliedFrom(1)).isZero();
    }

    @Test
    void cancelRacingAFillEndsInExactlyOneOutcome() {
        CommandResult sold = network.send(seller, sell(seller, "s1", 10, 100_00));
        // The cancel leaves the seller's shard while the buy is matching on the market shard.
        network.sendWithoutDelivery(buyer, buy(buyer, "b1", 10, 100_00));
        network.sendWithoutDelivery(seller, new Command.CancelOrder(seller, sold.id()));
        network.deliverAll();

        ShardStateMachine sellerShard = network.shards.get(1);
        assertThat(sellerShard.openOrder(sold.id())).isNull();
        assertThat(sellerShard.balance(seller, ACME.id()) + network.shards.get(2).balance(buyer, ACME.id())).isEqualTo(100);
        assertThat(network.clearing(CASH)).isZero();
        network.checkInvariants();
    }
}
