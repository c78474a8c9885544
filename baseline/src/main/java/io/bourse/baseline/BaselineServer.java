package io.bourse.baseline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.bourse.client.model.Order;
import io.bourse.client.model.Session;
import io.bourse.client.model.Transfer;
import io.bourse.client.model.User;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stateless API server of the baseline: the subset of Bourse's REST API the comparison uses
 * (sign up, log in, deposit, place / get / replace / cancel orders, the portfolio), every call a
 * transaction against the one PostgreSQL all servers share. Same web server (Helidon SE on virtual
 * threads), same JSON shapes and problem types as Bourse, so the load generator drives both alike.
 */
public final class BaselineServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
    private static final HttpMediaType APPLICATION_JSON = HttpMediaType.create("application/json");

    private final HikariDataSource database;
    private final Exchange exchange;
    private final WebServer server;

    private BaselineServer(HikariDataSource database, WebServer server, Exchange exchange) {
        this.database = database;
        this.server = server;
        this.exchange = exchange;
    }

    /** Starts a server on {@code port} (0: any) against the database at {@code jdbcUrl}, with a pool of {@code poolSize}. */
    public static BaselineServer start(String jdbcUrl, String user, int port, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setMaximumPoolSize(poolSize);
        config.addDataSourceProperty("prepareThreshold", "1"); // server-side prepared statements from the first use
        HikariDataSource database = new HikariDataSource(config);
        Exchange exchange = new Exchange(database, new SessionCache(System::currentTimeMillis, SessionCache.DEFAULT_MILLIS));
        HttpRouting.Builder routing = HttpRouting.builder();
        BaselineServer[] self = new BaselineServer[1];
        routing.post("/v1/users", (req, res) -> self[0].handle(req, res, () -> {
            JsonNode body = body(req);
            long id = exchange.signUp(text(body, "username"), text(body, "password"));
            return reply(201, new User(Long.toString(id), text(body, "username"), null));
        }));
        routing.post("/v1/sessions", (req, res) -> self[0].handle(req, res, () -> {
            JsonNode body = body(req);
            String[] session = exchange.logIn(text(body, "username"), text(body, "password"));
            return reply(201, new Session(session[0], session[1], text(body, "username"), null));
        }));
        routing.get("/v1/instruments", (req, res) -> self[0].handle(req, res, () -> reply(200, exchange.instruments())));
        routing.get("/v1/account", (req, res) -> self[0].handle(req, res, () -> reply(200, exchange.portfolio(self[0].account(req)))));
        routing.post("/v1/account/deposits", (req, res) -> self[0].handle(req, res, () -> {
            long account = self[0].account(req);
            long cents = amount(body(req));
            return self[0].idempotent(req, account, c -> {
                exchange.credit(c, account, 0, cents);
                return reply(201, new Transfer(null, "deposit", Exchange.cents(cents), null, null, null));
            });
        }));
        // Only the baseline has this: shares for the load generator's sellers (Bourse's are granted through its engine).
        routing.post("/v1/baseline/shares", (req, res) -> self[0].handle(req, res, () -> {
            long account = self[0].account(req);
            JsonNode body = body(req);
            return reply(201, exchange.transaction(c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT id FROM instruments")) {
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            exchange.credit(c, account, rows.getInt(1), body.path("quantity").asLong());
                        }
                    }
                }
                return "granted";
            }));
        }));
        routing.post("/v1/orders", (req, res) -> self[0].handle(req, res, () -> {
            long account = self[0].account(req);
            JsonNode body = body(req);
            boolean buy = "buy".equals(text(body, "side"));
            String tif = Optional.ofNullable(text(body, "timeInForce")).orElse("day");
            long limit = price(body.path("limitPrice").asText(null));
            long quantity = body.path("quantity").asLong(0);
            String clientId = Optional.ofNullable(text(body, "clientOrderId")).orElse(
                    req.headers().first(HeaderNames.create("Idempotency-Key")).orElse(java.util.UUID.randomUUID().toString()));
            return self[0].idempotent(req, account, c -> {
                Exchange.Placement placed = exchange.place(c, account, text(body, "symbol"), buy, tif, limit, quantity, clientId);
                return reply(201, exchange.order(c, account, placed.orderId()));
            });
        }));
        routing.get("/v1/orders/{id}", (req, res) -> self[0].handle(req, res, () -> {
            long account = self[0].account(req);
            Order order = exchange.transaction(c -> exchange.order(c, account, orderId(req)));
            if (order == null) {
                throw new Problem(404, "unknown-order", "no order of yours has that id");
            }
            return reply(200, order);
        }));
        routing.delete("/v1/orders/{id}", (req, res) -> self[0].handle(req, res, () -> {
            long account = self[0].account(req);
            return self[0].idempotent(req, account, c -> {
                long[] order = exchange.lockOwnOrder(c, account, orderId(req));
                if (order == null) {
                    throw new Problem(404, "unknown-order", "no open order of yours has that id");
                }
                if (order[6] == 0 || !exchange.cancel(c, order[0])) {
                    throw new Problem(422, "order-not-open", "the order is no longer open");
                }
                return reply(202, exchange.order(c, account, order[0]));
            });
        }));
        routing.put("/v1/orders/{id}", (req, res) -> self[0].handle(req, res, () -> {
            long account = self[0].account(req);
            long quantity = body(req).path("quantity").asLong(0);
            return self[0].idempotent(req, account, c -> {
                long[] order = exchange.lockOwnOrder(c, account, orderId(req));
                if (order == null) {
                    throw new Problem(404, "unknown-order", "no open order of yours has that id");
                }
                if (order[6] == 0) {
                    throw new Problem(422, "order-not-open", "the order is no longer open");
                }
                exchange.requantify(c, account, order, quantity);
                return reply(202, exchange.order(c, account, order[0]));
            });
        }));
        WebServer server = WebServer.builder().host("127.0.0.1").port(port).shutdownHook(false)
                .connectionOptions(o -> o.tcpNoDelay(true)).routing(routing).build().start();
        self[0] = new BaselineServer(database, server, exchange);
        return self[0];
    }

    /** Creates the tables and lists the instruments the load generator trades, if they are not there yet. */
    public static void prepareDatabase(String jdbcUrl, String user, java.util.List<String> symbols) throws SQLException, IOException {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, user, null); Statement statement = c.createStatement();
             InputStream schema = BaselineServer.class.getResourceAsStream("/schema.sql")) {
            statement.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
            for (int i = 0; i < symbols.size(); i++) {
                long reference = 10_000 + 1_000L * i; // the same instruments as Bourse's load-test cluster
                statement.execute("INSERT INTO instruments (id, symbol, tick_cents, lot_shares, ref_cents, band_low, band_high, maker_fee, "
                        + "taker_fee) VALUES (" + (i + 1) + ", '" + symbols.get(i) + "', 1, 1, " + reference + ", " + (reference * 9 / 10)
                        + ", " + (reference * 11 / 10) + ", 1, 2) ON CONFLICT DO NOTHING");
            }
        }
    }

    public int port() {
        return server.port();
    }

    private record Reply(int status, byte[] body) {}

    private interface Handler {
        Reply handle() throws SQLException, IOException;
    }

    private static Reply reply(int status, Object body) {
        try {
            return new Reply(status, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(ServerRequest req, ServerResponse res, Handler handler) {
        Reply reply;
        try {
            reply = handler.handle();
        } catch (Problem p) {
            reply = problem(p);
        } catch (Exception e) {
            Problem p = e.getCause() instanceof Problem cause ? cause : null;
            if (p == null) {
                LOG.warn("{} {} failed: {}", req.prologue().method().text(), req.path().path(), e.toString());
                p = new Problem(500, "internal-error", "the request failed");
            }
            reply = problem(p);
        }
        res.status(Status.create(reply.status()));
        res.headers().contentType(reply.status() >= 400 ? HttpMediaType.create("application/problem+json") : APPLICATION_JSON);
        res.send(reply.body());
    }

    private static Reply problem(Problem p) {
        return reply(p.status, p.document());
    }

    /** Runs a command under the caller's idempotency key: a retry gets the stored answer, in the same transaction as the work. */
    private Reply idempotent(ServerRequest req, long account, Exchange.Work<Reply> work) {
        Optional<String> key = req.headers().first(HeaderNames.create("Idempotency-Key"));
        return exchange.transaction(c -> {
            if (key.isPresent()) {
                try (PreparedStatement select = c.prepareStatement("SELECT status, body FROM idempotency WHERE account_id = ? AND key = ?")) {
                    select.setLong(1, account);
                    select.setString(2, key.get());
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            return new Reply(rows.getInt(1), rows.getBytes(2));
                        }
                    }
                }
            }
            Reply reply = work.run(c);
            if (key.isPresent()) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO idempotency (account_id, key, status, body) VALUES (?, ?, ?, ?)")) {
                    insert.setLong(1, account);
                    insert.setString(2, key.get());
                    insert.setInt(3, reply.status());
                    insert.setBytes(4, reply.body());
                    insert.executeUpdate(); // a concurrent twin makes this fail: the transaction retries and finds its answer
                }
            }
            return reply;
        });
    }

    private long account(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (!header.startsWith("Bearer ")) {
            throw new Problem(401, "unauthorized", "send 'Authorization: Bearer <token>'");
        }
        return exchange.authenticate(header.substring(7).trim());
    }

    private static JsonNode body(ServerRequest req) throws IOException {
        try (InputStream in = req.content().inputStream()) {
            JsonNode body = JSON.readTree(in.readNBytes(16 * 1024));
            if (body == null || !body.isObject()) {
                throw new Problem(400, "invalid-request", "the body must be a JSON object");
            }
            return body;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Problem(400, "invalid-request", "the body is not valid JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static long amount(JsonNode body) {
        return price(text(body, "amount"));
    }

    private static long price(String decimal) {
        if (decimal == null || !decimal.matches("\\d{1,13}(\\.\\d{1,2})?")) {
            throw new Problem(400, "invalid-request", "a price or amount must be a decimal with at most two decimals");
        }
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    private static long orderId(ServerRequest req) {
        try {
            return Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw new Problem(404, "unknown-order", "no order has that id");
        }
    }

    @Override
    public void close() {
        server.stop();
        database.close();
    }
}
