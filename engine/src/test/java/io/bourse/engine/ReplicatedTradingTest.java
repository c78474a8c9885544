package io.bourse.engine;

import static io.bourse.core.ledger.Ledger.CASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicatedTradingTest extends SharedAcmeCluster {

    @Test
    void ordersBetweenAccountsOnDifferentShardsMatchAndSettle() {
        long seller = accountOnShard(1, 1);
        long buyer = accountOnShard(2, 1);
        assertThat(cluster.client.submit(new Command.Deposit(seller, 1, ACME.id(), 100)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(cluster.client.submit(new Command.Deposit(buyer, 2, CASH, 1_000_000)).outcome()).isEqualTo(Outcome.ACCEPTED);

        CommandResult sell = cluster.client.submit(new Command.PlaceOrder(seller, "s1", ACME.id(), Side.SELL, OrderType.LIMIT,
                TimeInForce.GOOD_TILL_CANCELED, 100_00, 0, 10, false));
        // Orders from different shards reach the book in no fixed order: let the sell rest first, so it is the maker.
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.client.account(seller).openOrders().stream()
                .anyMatch(o -> o.status() == io.bourse.core.order.OrderStatus.NEW));
        CommandResult buy = cluster.client.submit(new Command.PlaceOrder(buyer, "b1", ACME.id(), Side.BUY, OrderType.LIMIT,
                TimeInForce.GOOD_TILL_CANCELED, 100_00, 0, 10, false));
        assertThat(sell.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(buy.outcome()).isEqualTo(Outcome.ACCEPTED);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.client.account(buyer).balance(ACME.id()).balance()).isEqualTo(10);
            assertThat(cluster.client.account(seller).balance(CASH).balance()).isEqualTo(10 * 100_00 - 10);
        });
        assertThat(cluster.client.account(buyer).balance(CASH).balance()).isEqualTo(1_000_000 - 10 * 100_00 - 20);
        assertThat(cluster.client.account(buyer).openOrders()).isEmpty();

        // Once every message is delivered: each ledger balances, clearing is flat across shards, replicas agree.
        Audit.awaitQuiet(cluster);
        Audit.assertBooksBalance(cluster, ACME.id());
    }
}
