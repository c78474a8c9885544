package io.bourse.baseline;

import io.bourse.client.model.Instrument;
import io.bourse.client.model.Order;
import io.bourse.client.model.Portfolio;
import io.bourse.client.model.Position;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.sql.DataSource;

/**
 * The baseline's trading logic, all of it in SQL transactions against one PostgreSQL. Matching
 * for an instrument is serialized by locking its row; balances are changed with row locks and
 * CHECK constraints (never negative, never more held than owned); a deadlock or serialization
 * failure retries the whole transaction. What a competent team would build first, and correct:
 * cash and shares are conserved, nothing is applied twice under the same idempotency key.
 */
final class Exchange {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PASSWORD_ITERATIONS = 10_000;
    private static final int MATCH_BATCH = 50;

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource database;
    private final SessionCache sessions;

    Exchange(DataSource database, SessionCache sessions) {
        this.database = database;
        this.sessions = sessions;
    }

    /** Runs {@code work} in a transaction, retrying when PostgreSQL picks it as a deadlock victim. */
    <T> T transaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = database.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                // Deadlock victim, serialization failure, or a twin request that committed its idempotency key first.
                boolean retryable = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState()) || "23505".equals(e.getSQLState());
                if (!retryable || attempt == 10) {
                    throw new IllegalStateException("database: " + e.getMessage(), e);
                }
            }
        }
    }

    // ---- users ----

    long signUp(String username, String password) {
        if (username == null || !username.matches("[a-z0-9][a-z0-9_.-]{2,31}") || password == null || password.length() < 8) {
            throw new Problem(400, "invalid-request", "username or password not valid");
        }
        String digest = digest(password);
        return transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (username, password) VALUES (?, ?) ON CONFLICT (username) DO NOTHING RETURNING account_id")) {
                insert.setString(1, username);
                insert.setString(2, digest);
                try (ResultSet rows = insert.executeQuery()) {
                    if (!rows.next()) {
                        throw new Problem(409, "username-taken", "choose another username");
                    }
                    return rows.getLong(1);
                }
            }
        });
    }

    /** A new session token for the user, or a 401 problem. */
    String[] logIn(String username, String password) {
        return transaction(c -> {
            long accountId;
            String stored;
            try (PreparedStatement select = c.prepareStatement("SELECT account_id, password FROM users WHERE username = ?")) {
                select.setString(1, username);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new Problem(401, "unauthorized", "the username or password is wrong");
                    }
                    accountId = rows.getLong(1);
                    stored = rows.getString(2);
                }
            }
            if (!matches(password, stored)) {
                throw new Problem(401, "unauthorized", "the username or password is wrong");
            }
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sessions (token_hash, account_id) VALUES (?, ?)")) {
                insert.setString(1, sha256(token));
                insert.setLong(2, accountId);
                insert.executeUpdate();
            }
            return new String[] {token, Long.toString(accountId)};
        });
    }

    long authenticate(String token) {
        long remembered = sessions.accountOf(token);
        if (remembered != SessionCache.UNKNOWN) {
            return remembered;
        }
        try (Connection c = database.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT account_id FROM sessions WHERE token_hash = ?")) {
            select.setString(1, sha256(token));
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new Problem(401, "unauthorized", "the token is not valid");
                }
                long accountId = rows.getLong(1);
                sessions.confirmed(token, accountId);
                return accountId;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    // ---- money ----

    /**
     * The most one account may hold of one asset through credits from outside: Bourse's bound for a
     * shard (2^52 cents or shares), so that no balance, and no sum of them a trade makes, wraps a bigint.
     */
    static final long MAX_CREDITED = 1L << 52;

    /** Adds money or shares from outside; past {@link #MAX_CREDITED} it is a 422 problem and changes nothing. */
    void credit(Connection c, long accountId, int asset, long amount) throws SQLException {
        // Compared as balance <= limit - amount, so that the check itself cannot overflow.
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO balances (account_id, asset, balance) VALUES (?, ?, ?) "
                + "ON CONFLICT (account_id, asset) DO UPDATE SET balance = balances.balance + EXCLUDED.balance "
                + "WHERE balances.balance <= ? - EXCLUDED.balance")) {
            upsert.setLong(1, accountId);
            upsert.setInt(2, asset);
            upsert.setLong(3, amount);
            upsert.setLong(4, MAX_CREDITED);
            if (amount > MAX_CREDITED || upsert.executeUpdate() == 0) {
                throw new Problem(422, "deposit-limit-reached",
                        "would take what has been deposited past what the platform can hold; a smaller amount may go through");
            }
        }
    }

    // ---- instruments ----

    List<Instrument> instruments() {
        return transaction(c -> {
            List<Instrument> list = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT symbol, tick_cents, lot_shares, ref_cents, band_low, band_high, "
                    + "maker_fee, taker_fee FROM instruments ORDER BY id"); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    list.add(new Instrument(rows.getString(1), cents(rows.getLong(2)), rows.getLong(3), cents(rows.getLong(4)),
                            cents(rows.getLong(5)), cents(rows.getLong(6)), cents(rows.getLong(7)), cents(rows.getLong(8)), 1_000_000));
                }
            }
            return list;
        });
    }

    // ---- orders ----

    record Placement(long orderId, String clientOrderId, String symbol) {}

    /**
     * Places and matches an order in one transaction: lock the instrument (one matcher per book),
     * hold the funds, walk the opposite side in price-time order, settle each fill on both
     * accounts, rest or cancel the remainder.
     */
    Placement place(Connection c, long accountId, String symbol, boolean buy, String tif, long limitCents, long quantity,
                    String clientOrderId) throws SQLException {
        long instrumentId;
        long makerFee;
        long takerFee;
        long bandLow;
        long bandHigh;
        long tick;
        try (PreparedStatement lock = c.prepareStatement("SELECT id, maker_fee, taker_fee, band_low, band_high, tick_cents "
                + "FROM instruments WHERE symbol = ? FOR UPDATE")) {
            lock.setString(1, symbol);
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw new Problem(400, "invalid-request", "symbol: is not a listed symbol");
                }
                instrumentId = rows.getLong(1);
                makerFee = rows.getLong(2);
                takerFee = rows.getLong(3);
                bandLow = rows.getLong(4);
                bandHigh = rows.getLong(5);
                tick = rows.getLong(6);
            }
        }
        if (limitCents < bandLow || limitCents > bandHigh) {
            throw new Problem(422, "price-outside-band", "limitPrice: is outside the instrument's price band");
        }
        if (limitCents % tick != 0 || quantity <= 0) {
            throw new Problem(422, "invalid-request", "price or quantity not valid");
        }
        int holdAsset = buy ? 0 : (int) instrumentId;
        long hold = buy ? (limitCents + takerFee) * quantity : quantity;
        hold(c, accountId, holdAsset, hold);
        long orderId;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (account_id, client_id, instrument_id, side, tif, "
                + "limit_cents, quantity, held, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new') "
                + "ON CONFLICT (account_id, client_id) DO NOTHING RETURNING id")) {
            insert.setLong(1, accountId);
            insert.setString(2, clientOrderId);
            insert.setLong(3, instrumentId);
            insert.setString(4, buy ? "B" : "S");
            insert.setString(5, tif);
            insert.setLong(6, limitCents);
            insert.setLong(7, quantity);
            insert.setLong(8, hold);
            try (ResultSet rows = insert.executeQuery()) {
                if (!rows.next()) {
                    throw new Problem(409, "client-order-id-reused", "another order of yours already has that clientOrderId");
                }
                orderId = rows.getLong(1);
            }
        }
        long remaining = quantity;
        long lastPrice = 0;
        String opposite = buy ? "S" : "B";
        String priceCondition = buy ? "limit_cents <= ? ORDER BY limit_cents ASC, priority" : "limit_cents >= ? ORDER BY limit_cents DESC, priority";
        while (remaining > 0) {
            List<long[]> resting = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, account_id, limit_cents, quantity - filled FROM orders "
                    + "WHERE instrument_id = ? AND side = ? AND status IN ('new', 'partially_filled') AND " + priceCondition
                    + " LIMIT " + MATCH_BATCH + " FOR UPDATE")) {
                select.setLong(1, instrumentId);
                select.setString(2, opposite);
                select.setLong(3, limitCents);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        resting.add(new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)});
                    }
                }
            }
            if (resting.isEmpty()) {
                break;
            }
            for (long[] maker : resting) {
                if (remaining == 0) {
                    break;
                }
                if (maker[1] == accountId) {
                    cancel(c, maker[0]); // self-trade prevention: the resting order goes
                    continue;
                }
                long traded = Math.min(remaining, maker[3]);
                long price = maker[2];
                fill(c, orderId, accountId, instrumentId, buy, price, traded, takerFee, false, limitCents, takerFee);
                fill(c, maker[0], maker[1], instrumentId, !buy, price, traded, makerFee, true, price, takerFee);
                remaining -= traded;
                lastPrice = price;
            }
        }
        if (lastPrice != 0) {
            try (PreparedStatement last = c.prepareStatement("UPDATE instruments SET last_cents = ? WHERE id = ?")) {
                last.setLong(1, lastPrice);
                last.setLong(2, instrumentId);
                last.executeUpdate();
            }
        }
        if (remaining > 0 && (tif.equals("ioc") || tif.equals("fok"))) {
            cancel(c, orderId);
        }
        return new Placement(orderId, clientOrderId, symbol);
    }

    /** Settles one side of a trade on its account: hold released, price and fee paid or received, shares moved. */
    private void fill(Connection c, long orderId, long accountId, long instrumentId, boolean buy, long price, long quantity,
                      long feePerShare, boolean maker, long orderLimit, long takerFee) throws SQLException {
        long fee = feePerShare * quantity;
        long notional = price * quantity;
        // A buy held its limit plus the taker fee a share: release that much for each share filled.
        long released = buy ? (orderLimit + takerFee) * quantity : quantity;
        try (PreparedStatement order = c.prepareStatement("UPDATE orders SET filled = filled + ?, filled_cents = filled_cents + ?, "
                + "fees_cents = fees_cents + ?, held = held - ?, status = CASE WHEN filled + ? = quantity THEN 'filled' ELSE "
                + "'partially_filled' END WHERE id = ? RETURNING status, held")) {
            order.setLong(1, quantity);
            order.setLong(2, notional);
            order.setLong(3, fee);
            order.setLong(4, released);
            order.setLong(5, quantity);
            order.setLong(6, orderId);
            try (ResultSet rows = order.executeQuery()) {
                rows.next();
                if (rows.getString(1).equals("filled") && rows.getLong(2) > 0) {
                    // A buy that filled below its limit: what it held beyond the cost goes back.
                    release(c, accountId, buy ? 0 : (int) instrumentId, rows.getLong(2));
                    zeroHeld(c, orderId);
                }
            }
        }
        if (buy) {
            adjust(c, accountId, 0, -(notional + fee), -released);
            adjust(c, accountId, (int) instrumentId, quantity, 0);
        } else {
            adjust(c, accountId, (int) instrumentId, -quantity, -quantity);
            adjust(c, accountId, 0, notional - fee, 0);
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO fills (order_id, account_id, instrument_id, side, price_cents, "
                + "quantity, fee_cents, maker) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, orderId);
            insert.setLong(2, accountId);
            insert.setLong(3, instrumentId);
            insert.setString(4, buy ? "B" : "S");
            insert.setLong(5, price);
            insert.setLong(6, quantity);
            insert.setLong(7, fee);
            insert.setBoolean(8, maker);
            insert.executeUpdate();
        }
    }

    private long takerFeeOf(Connection c, long instrumentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT taker_fee FROM instruments WHERE id = ?")) {
            select.setLong(1, instrumentId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void adjust(Connection c, long accountId, int asset, long balanceDelta, long heldDelta) throws SQLException {
        if (balanceDelta < 0 || heldDelta < 0) {
            // A debit: the row exists (it held the funds). An upsert would check the negative proposed row first.
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE balances SET balance = balance + ?, held = held + ? WHERE account_id = ? AND asset = ?")) {
                update.setLong(1, balanceDelta);
                update.setLong(2, heldDelta);
                update.setLong(3, accountId);
                update.setInt(4, asset);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("no balance row to debit for account " + accountId + " asset " + asset);
                }
            }
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO balances (account_id, asset, balance, held) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (account_id, asset) DO UPDATE SET balance = balances.balance + EXCLUDED.balance, "
                + "held = balances.held + EXCLUDED.held")) {
            upsert.setLong(1, accountId);
            upsert.setInt(2, asset);
            upsert.setLong(3, balanceDelta);
            upsert.setLong(4, heldDelta);
            upsert.executeUpdate();
        }
    }

    /** Holds {@code amount} of an asset for an order, or refuses when that much is not available. */
    private static void hold(Connection c, long accountId, int asset, long amount) throws SQLException {
        try (PreparedStatement hold = c.prepareStatement(
                "UPDATE balances SET held = held + ? WHERE account_id = ? AND asset = ? AND balance - held >= ?")) {
            hold.setLong(1, amount);
            hold.setLong(2, accountId);
            hold.setInt(3, asset);
            hold.setLong(4, amount);
            if (hold.executeUpdate() == 0) {
                throw asset == 0 ? new Problem(422, "insufficient-buying-power", "not enough available cash, fees included")
                        : new Problem(422, "insufficient-shares", "not enough available shares");
            }
        }
    }

    private void release(Connection c, long accountId, int asset, long amount) throws SQLException {
        adjust(c, accountId, asset, 0, -amount);
    }

    private void zeroHeld(Connection c, long orderId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE orders SET held = 0 WHERE id = ?")) {
            update.setLong(1, orderId);
            update.executeUpdate();
        }
    }

    /** Cancels an open order (whoever's: callers check ownership) and releases what it holds; false if it was not open. */
    boolean cancel(Connection c, long orderId) throws SQLException {
        long accountId;
        int asset;
        long held;
        try (PreparedStatement select = c.prepareStatement("SELECT account_id, side, instrument_id, held FROM orders WHERE id = ? "
                + "AND status IN ('new', 'partially_filled') FOR UPDATE")) {
            select.setLong(1, orderId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
                accountId = rows.getLong(1);
                asset = rows.getString(2).equals("B") ? 0 : rows.getInt(3);
                held = rows.getLong(4);
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE orders SET status = 'canceled', held = 0 WHERE id = ?")) {
            update.setLong(1, orderId);
            update.executeUpdate();
        }
        if (held > 0) {
            release(c, accountId, asset, held);
        }
        return true;
    }

    /** Locks one of the account's orders; null when it has no such order. */
    long[] lockOwnOrder(Connection c, long accountId, long orderId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id, quantity, filled, limit_cents, instrument_id, "
                + "CASE WHEN side = 'B' THEN 1 ELSE 0 END, CASE WHEN status IN ('new','partially_filled') THEN 1 ELSE 0 END "
                + "FROM orders WHERE id = ? AND account_id = ? FOR UPDATE")) {
            select.setLong(1, orderId);
            select.setLong(2, accountId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6),
                        rows.getLong(7)};
            }
        }
    }

    /** Changes an open order's quantity: lower keeps its priority, higher goes to the back; the hold follows. */
    void requantify(Connection c, long accountId, long[] order, long newQuantity) throws SQLException {
        long quantity = order[1];
        long filled = order[2];
        if (newQuantity <= filled) {
            throw new Problem(422, "quantity-below-filled", "quantity: cannot go below what has already filled");
        }
        if (newQuantity == quantity) {
            throw new Problem(422, "nothing-to-amend", "the new terms are the same as the order's");
        }
        boolean buy = order[5] == 1;
        long perShare = buy ? order[3] + takerFeeOf(c, order[4]) : 1;
        long delta = (newQuantity - quantity) * perShare;
        int asset = buy ? 0 : (int) order[4];
        if (delta > 0) {
            hold(c, accountId, asset, delta);
        } else {
            release(c, accountId, asset, -delta);
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE orders SET quantity = ?, held = held + ?, priority = CASE WHEN ? "
                + "THEN nextval('order_priority') ELSE priority END WHERE id = ?")) {
            update.setLong(1, newQuantity);
            update.setLong(2, delta);
            update.setBoolean(3, newQuantity > quantity);
            update.setLong(4, order[0]);
            update.executeUpdate();
        }
    }

    Order order(Connection c, long accountId, long orderId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT o.id, o.client_id, i.symbol, o.side, o.tif, o.status, o.quantity, "
                + "o.filled, o.limit_cents, o.filled_cents, o.fees_cents FROM orders o JOIN instruments i ON i.id = o.instrument_id "
                + "WHERE o.id = ? AND o.account_id = ?")) {
            select.setLong(1, orderId);
            select.setLong(2, accountId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                long filled = rows.getLong(8);
                return new Order(Long.toString(rows.getLong(1)), rows.getString(2), rows.getString(3),
                        rows.getString(4).equals("B") ? "buy" : "sell", "limit", rows.getString(5), rows.getString(6), rows.getLong(7),
                        filled, cents(rows.getLong(9)), null, filled == 0 ? null : perShare(rows.getLong(10), filled),
                        cents(rows.getLong(11)), null, null, null);
            }
        }
    }

    Portfolio portfolio(long accountId) {
        return transaction(c -> {
            long cash = 0;
            long held = 0;
            List<Position> positions = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT b.asset, b.balance, b.held, i.symbol, "
                    + "COALESCE(NULLIF(i.last_cents, 0), i.ref_cents) FROM balances b LEFT JOIN instruments i ON i.id = b.asset "
                    + "WHERE b.account_id = ? ORDER BY b.asset")) {
                select.setLong(1, accountId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getInt(1) == 0) {
                            cash = rows.getLong(2);
                            held = rows.getLong(3);
                        } else if (rows.getLong(2) > 0) {
                            long price = rows.getLong(5);
                            positions.add(new Position(rows.getString(4), rows.getLong(2), null, null, cents(price),
                                    cents(price * rows.getLong(2)), null, null));
                        }
                    }
                }
            }
            long value = positions.stream().mapToLong(p -> new BigDecimal(p.marketValue()).movePointRight(2).longValueExact()).sum();
            return new Portfolio(Long.toString(accountId), cents(cash), cents(held), cents(cash - held), cents(value), cents(cash + value),
                    null, null, positions);
        });
    }

    // ---- helpers ----

    static String cents(long cents) {
        return BigDecimal.valueOf(cents).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String perShare(long cents, long shares) {
        return BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(shares), 0, RoundingMode.HALF_EVEN).movePointLeft(2)
                .setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String digest(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(derive(password, salt));
    }

    private static boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$");
        return MessageDigest.isEqual(derive(password, Base64.getDecoder().decode(parts[0])), Base64.getDecoder().decode(parts[1]));
    }

    private static byte[] derive(String password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, PASSWORD_ITERATIONS, 256)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
