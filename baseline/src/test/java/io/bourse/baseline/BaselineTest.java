package io.bourse.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.bourse.client.BourseApiException;
import io.bourse.client.BourseClient;
import io.bourse.client.model.Order;
import io.bourse.client.model.OrderRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The baseline must be correct, or the comparison means nothing: it trades like Bourse (same
 * shapes, fees, holds), and under concurrent random trading through two servers no cash or share
 * is created or lost and no balance goes negative.
 */
@Timeout(180)
class BaselineTest {
    private static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH");
    /** The concurrent test trades the first two; INITECH (reference 120.00) is the single trade's alone. */
    private static LocalPostgres postgres;
    private static List<BaselineServer> servers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        if (LocalPostgres.binaries().isEmpty()) {
            if ("1".equals(System.getenv("BOURSE_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL is missing: apt-get install postgresql");
            }
            Assumptions.abort("the baseline's tests need PostgreSQL (apt-get install postgresql)");
        }
        postgres = LocalPostgres.start();
        BaselineServer.prepareDatabase(postgres.jdbcUrl(), postgres.user(), SYMBOLS);
        servers.add(BaselineServer.start(postgres.jdbcUrl(), postgres.user(), 0, 8));
        servers.add(BaselineServer.start(postgres.jdbcUrl(), postgres.user(), 0, 8));
    }

    @AfterAll
    static void stop() {
        servers.forEach(BaselineServer::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    private static BourseClient trader(String name, int server, boolean shares) throws Exception {
        BourseClient client = new BourseClient(URI.create("http://127.0.0.1:" + servers.get(server).port()));
        client.signUp(name, "password-" + name);
        client.logIn(name, "password-" + name);
        client.deposit("100000.00");
        if (shares) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.get(server).port()
                    + "/v1/baseline/shares")).header("Authorization", "Bearer " + client.token())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"quantity\":1000}")).build(), HttpResponse.BodyHandlers.discarding());
        }
        return client;
    }

    @Test
    void aTokenNoSessionHasIsRefusedWhileAValidOneIsRemembered() throws Exception {
        BourseClient trader = trader("tokens", 0, false);
        HttpClient http = HttpClient.newHttpClient();
        URI account = URI.create("http://127.0.0.1:" + servers.get(0).port() + "/v1/account");

        for (int i = 0; i < 2; i++) { // the second is answered from the remembered session, without the query
            assertThat(http.send(withToken(account, trader.token()), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = http.send(withToken(account, trader.token() + "x"), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("the token is not valid");
    }

    private static HttpRequest withToken(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
    }

    @Test
    void aTradeSettlesWithFeesAndHoldsLikeBourse() throws Exception {
        BourseClient seller = trader("seller", 0, true);
        BourseClient buyer = trader("buyer", 1, false);

        seller.placeOrder(OrderRequest.limit("INITECH", "sell", 10, "120.00").withTimeInForce("gtc"));
        Order bought = buyer.placeOrder(OrderRequest.limit("INITECH", "buy", 10, "120.50"));

        assertThat(bought.status()).isEqualTo("filled");
        assertThat(bought.averagePrice()).isEqualTo("120.00");
        // 100,000.00 - 1,200.00 - 10 × 2c taker fee; the unused part of the hold is released.
        assertThat(buyer.portfolio().cash()).isEqualTo("98799.80");
        assertThat(buyer.portfolio().cashHeld()).isEqualTo("0.00");
        assertThat(seller.portfolio().cash()).isEqualTo("101199.90");
        var problem = catchThrowableOfType(BourseApiException.class,
                () -> buyer.placeOrder(OrderRequest.limit("INITECH", "buy", 100_000, "120.00")));
        assertThat(problem.kind()).isEqualTo("insufficient-buying-power");
        Order resting = buyer.placeOrder(OrderRequest.limit("INITECH", "buy", 5, "115.00").withTimeInForce("gtc"));
        assertThat(buyer.portfolio().cashHeld()).isEqualTo("575.10");
        buyer.cancelOrder(resting.id());
        assertThat(buyer.portfolio().cashHeld()).isEqualTo("0.00");
        // As Bourse answers: an ended order of the caller's is no longer open, an id of nobody's is unknown.
        assertThat(catchThrowableOfType(BourseApiException.class, () -> buyer.cancelOrder(bought.id())).kind()).isEqualTo("order-not-open");
        assertThat(catchThrowableOfType(BourseApiException.class, () -> buyer.cancelOrder("999999999")).kind()).isEqualTo("unknown-order");
    }

    @Test
    void badBodiesAreProblemsNotFailures() throws Exception {
        BourseClient trader = trader("bodies", 0, false);
        for (String body : List.of("{not json", "[]", "{\"symbol\":\"ACME\",\"side\":\"buy\",\"quantity\":1,\"limitPrice\":\"1.001\"}")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + servers.get(0).port() + "/v1/orders"))
                    .header("Authorization", "Bearer " + trader.token()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).contains("https://bourse.dev/problems/invalid-request");
        }
        assertThat(trader.portfolio().cashHeld()).isEqualTo("0.00");
    }

    @Test
    void depositsPastWhatAnAccountMayHoldAreRefusedAndChangeNothing() throws Exception {
        BourseClient rich = trader("rich", 0, false);
        for (int i = 0; i < 4; i++) { // 4 × 9,999,999,999,999.99 fits under 2^52 cents with the 100,000.00 from sign-up
            rich.deposit("9999999999999.99");
        }
        String cash = rich.portfolio().cash();

        var problem = catchThrowableOfType(BourseApiException.class, () -> rich.deposit("9999999999999.99"));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.kind()).isEqualTo("deposit-limit-reached");
        assertThat(rich.portfolio().cash()).isEqualTo(cash).isEqualTo("40000000099999.96");
    }

    @Test
    void concurrentTradingThroughTwoServersConservesCashAndShares() throws Exception {
        List<BourseClient> traders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            traders.add(trader("trader" + i, i % 2, i % 2 == 0));
        }
        long[] before = totals();
        List<Thread> threads = new ArrayList<>();
        for (BourseClient trader : traders) {
            threads.add(Thread.ofVirtual().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 60; i++) {
                    String symbol = SYMBOLS.get(random.nextInt(2));
                    String side = random.nextBoolean() ? "buy" : "sell";
                    String price = (symbol.equals("ACME") ? 98 + random.nextInt(5) : 108 + random.nextInt(5)) + ".00";
                    try {
                        Order order = trader.placeOrder(OrderRequest.limit(symbol, side, 1 + random.nextInt(20), price)
                                .withTimeInForce(random.nextBoolean() ? "gtc" : "ioc"));
                        if (random.nextInt(3) == 0 && !order.status().equals("filled")) {
                            trader.cancelOrder(order.id());
                        }
                    } catch (BourseApiException refused) {
                        // short of shares or cash, or the order had already filled: fine
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] after = totals();
        // Cash moves between traders and to fee revenue (which the baseline keeps as the fills' fees).
        assertThat(after[0] + after[2]).as("cash plus fees collected").isEqualTo(before[0] + before[2]);
        assertThat(after[1]).as("shares").isEqualTo(before[1]);
        assertThat(after[3]).as("negative or over-held balances").isZero();
    }

    @Test
    void analyzingGivesEveryTableStatistics() throws Exception {
        trader("analyzed", 0, true);

        postgres.analyze();

        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), null); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL")) {
            List<String> neverAnalyzed = new ArrayList<>();
            while (rows.next()) {
                neverAnalyzed.add(rows.getString(1));
            }
            assertThat(neverAnalyzed).as("tables without statistics").isEmpty();
        }
    }

    /** {cash, shares, fees collected, bad rows}. */
    private static long[] totals() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), null); Statement s = c.createStatement()) {
            long[] totals = new long[4];
            try (ResultSet rows = s.executeQuery("SELECT COALESCE(SUM(balance) FILTER (WHERE asset = 0), 0), "
                    + "COALESCE(SUM(balance) FILTER (WHERE asset <> 0), 0), COUNT(*) FILTER (WHERE balance < 0 OR held < 0 OR held > balance) "
                    + "FROM balances")) {
                rows.next();
                totals[0] = rows.getLong(1);
                totals[1] = rows.getLong(2);
                totals[3] = rows.getLong(3);
            }
            try (ResultSet rows = s.executeQuery("SELECT COALESCE(SUM(fee_cents), 0) FROM fills")) {
                rows.next();
                totals[2] = rows.getLong(1);
            }
            return totals;
        }
    }
}
