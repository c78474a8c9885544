package io.bourse.gateway;

import static io.bourse.gateway.BourseAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.client.BourseClient;
import io.bourse.client.model.Order;
import io.bourse.client.model.OrderRequest;
import io.bourse.client.model.Transfer;
import io.bourse.gateway.TestPlatform.Trader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Idempotency keys are remembered by the shard, not the gateway: a retry through another gateway,
 * even after the first one died mid-request, gets the first outcome and never a second order.
 */
@Timeout(120)
class IdempotencyAndFailoverTest {
    private final TestPlatform platform = TestPlatform.get();

    @Test
    void theClientsAsynchronousCallsKeepTheSameKeyRulesAndFailWithTheServersProblem() throws Exception {
        Trader hana = platform.newTrader("hana", 0, 0, "1000.00");
        BourseClient viaOther = platform.client(1).useToken(hana.client().token());
        OrderRequest order = OrderRequest.limit("ACME", "buy", 1, "94.00");

        Order first = hana.client().placeOrderAsync(order, "async-key-1").get(30, TimeUnit.SECONDS);
        Order retried = viaOther.placeOrderAsync(order, "async-key-1").get(30, TimeUnit.SECONDS);
        assertThat(retried.id()).isEqualTo(first.id());

        assertThat(viaOther.cancelOrderAsync(first.id()).get(30, TimeUnit.SECONDS).id()).isEqualTo(first.id());
        CompletableFuture<Order> unknown = hana.client().cancelOrderAsync("no-such-order");
        assertThat(unknown).failsWithin(java.time.Duration.ofSeconds(30)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(io.bourse.client.BourseApiException.class,
                        e -> assertThat(e.status()).isBetween(400, 499));
        assertThat(hana.client().orders("all", null, 10, null).orders()).hasSize(1);
    }

    @Test
    void aRetryWithTheSameKeyOnAnotherGatewayGetsTheSameOrder() {
        Trader gina = platform.newTrader("gina", 0, 0, "1000.00");
        BourseClient viaOther = platform.client(1).useToken(gina.client().token());
        OrderRequest order = OrderRequest.limit("ACME", "buy", 1, "95.00");

        Order first = gina.client().placeOrder(order, "order-key-1");
        Order retried = viaOther.placeOrder(order, "order-key-1");

        assertThat(retried.id()).isEqualTo(first.id());
        assertThat(retried.clientOrderId()).isEqualTo(first.clientOrderId());
        assertThat(gina.client().orders("all", null, 10, null).orders()).hasSize(1);
        assertThat(problemOf(() -> viaOther.placeOrder(OrderRequest.limit("ACME", "buy", 2, "95.00"), "order-key-1")).status())
                .isEqualTo(422);
    }

    @Test
    void aRetriedLoginOrApiKeyCreationGetsTheSameCredentialNotASecond() {
        Trader mia = platform.newTrader("mia", 0, 0, null);
        var first = platform.client(0).logIn(mia.username(), "password-" + mia.username(), "login-1");
        var again = platform.client(1).logIn(mia.username(), "password-" + mia.username(), "login-1");
        assertThat(again.token()).isEqualTo(first.token());
        var key = mia.client().createApiKey("bot", java.util.List.of("read"), "key-1");
        var keyAgain = platform.client(1).useToken(mia.client().token()).createApiKey("bot", java.util.List.of("read"), "key-1");
        assertThat(keyAgain.key()).isEqualTo(key.key());
        assertThat(mia.client().apiKeys()).hasSize(1);
        // Knowing the idempotency key is not enough: a wrong password is still refused.
        assertThat(problemOf(() -> platform.client(0).logIn(mia.username(), "wrong-password", "login-1")).status()).isEqualTo(401);
    }

    @Test
    void aRetriedDepositIsCreditedOnce() {
        Trader hank = platform.newTrader("hank", 0, 0, null);
        Transfer first = hank.client().deposit("250.00", "deposit-1");
        Transfer again = platform.client(1).useToken(hank.client().token()).deposit("250.00", "deposit-1");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(hank.client().portfolio().cash()).isEqualTo("250.00");
        assertThat(problemOf(() -> hank.client().deposit("300.00", "deposit-1")).kind()).isEqualTo("idempotency-key-reused");
        assertThat(problemOf(() -> hank.client().withdraw("300.00")).kind()).isEqualTo("insufficient-funds");
        hank.client().withdraw("50.00", "withdrawal-1");
        Transfer withdrawalAgain = hank.client().withdraw("50.00", "withdrawal-1");
        assertThat(hank.client().portfolio().cash()).isEqualTo("200.00");
        assertThat(hank.client().transfers(50, null).transfers()).containsExactly(withdrawalAgain, first);
    }

    @Test
    void aGatewayKilledMidRequestLeavesExactlyOneOrderAfterTheRetry() throws Exception {
        Gateway doomed = TestPlatform.startGateway(platform.cluster);
        try {
            Trader ivan = platform.newTrader("ivan", 0, 0, "1000.00");
            BourseClient viaDoomed = new BourseClient(java.net.URI.create("http://127.0.0.1:" + doomed.port()))
                    .useToken(ivan.client().token());
            OrderRequest order = OrderRequest.limit("ACME", "buy", 3, "94.00");

            // The request is on its way when the gateway dies; whether it reached the engine is unknown.
            CompletableFuture<Order> inFlight = CompletableFuture.supplyAsync(() -> viaDoomed.placeOrder(order, "kill-key"));
            doomed.close();
            try {
                inFlight.get(10, TimeUnit.SECONDS);
            } catch (Exception lostWithTheGateway) {
                // the client saw no answer: it must retry
            }
            Order retried = ivan.client().placeOrder(order, "kill-key");

            assertThat(ivan.client().orders("all", null, 10, null).orders()).extracting(Order::id).containsExactly(retried.id());
            assertThat(ivan.client().portfolio().cashHeld()).isEqualTo("282.06"); // 3 × 94.00 + 3 × 2c taker fee
        } finally {
            doomed.close();
        }
    }
}
