package io.bourse.engine.shard;

import io.bourse.core.book.OrderBook;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.Side;
import io.bourse.core.shard.MarketStatsView;
import io.bourse.core.shard.OrderView;
import io.bourse.core.shard.Outbox;
import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.query.AccountView;
import io.bourse.engine.query.BookView;
import io.bourse.engine.query.Query;
import io.bourse.engine.query.QueryCodec;
import io.bourse.engine.query.ShardStatus;
import java.util.ArrayList;
import java.util.List;

/** Answers queries from a shard's state. Called under the replica's lock. */
public final class ShardReads {
    private ShardReads() {}

    /** The encoded answer to a query, or null when this shard cannot answer it (a market it does not hold). */
    public static byte[] answer(ShardStateMachine machine, Query query) {
        return switch (query) {
            case Query.Account q -> QueryCodec.encodeAccount(account(machine, q.accountId()));
            case Query.Book q -> {
                BookView book = book(machine, q.instrumentId(), Math.max(0, Math.min(q.depth(), 1_000)));
                yield book == null ? null : QueryCodec.encodeBook(book);
            }
            case Query.Status q -> QueryCodec.encodeStatus(status(machine));
            case Query.User q -> QueryCodec.encodeUser(machine.user(q.accountId()));
            case Query.Order q -> {
                OrderView order = machine.order(q.accountId(), q.orderId());
                yield QueryCodec.encodeOrders(order == null ? List.of() : List.of(order));
            }
            case Query.OrderHistory q -> QueryCodec.encodeOrders(machine.endedOrders(q.accountId()));
            case Query.Fills q -> QueryCodec.encodeFills(machine.fills(q.accountId()));
            case Query.Transfers q -> QueryCodec.encodeTransfers(machine.transfers(q.accountId()));
            case Query.Quote q -> {
                MarketStatsView stats = machine.marketStats(q.instrumentId());
                yield stats == null ? null : QueryCodec.encodeQuote(stats);
            }
            case Query.Quotes q -> {
                List<MarketStatsView> quotes = new ArrayList<>(q.instrumentIds().size());
                for (int instrumentId : q.instrumentIds()) {
                    quotes.add(machine.marketStats(instrumentId));
                }
                yield quotes.contains(null) ? null : QueryCodec.encodeQuotes(quotes);
            }
            case Query.Trades q -> machine.book(q.instrumentId()) == null ? null : QueryCodec.encodeTrades(machine.recentTrades(q.instrumentId()));
            case Query.Candles q -> machine.book(q.instrumentId()) == null || q.interval() == null ? null
                    : QueryCodec.encodeCandles(machine.candles(q.instrumentId(), q.interval()));
            case Query.Directory q -> throw new IllegalArgumentException("shards do not answer directory queries");
        };
    }

    static AccountView account(ShardStateMachine machine, long accountId) {
        List<AccountView.Balance> balances = new ArrayList<>();
        balances.add(balance(machine, accountId, Ledger.CASH));
        // The account's own assets, not every instrument the shard knows: a read costs the same with ten listed or ten thousand.
        for (int asset : machine.assetsOf(accountId)) {
            if (asset == Ledger.CASH) {
                continue; // first in the list already
            }
            AccountView.Balance shares = balance(machine, accountId, asset);
            if (shares.balance() != 0 || shares.held() != 0) {
                balances.add(shares);
            }
        }
        return new AccountView(accountId, balances, machine.openOrders(accountId), machine.positions(accountId));
    }

    private static AccountView.Balance balance(ShardStateMachine machine, long owner, int asset) {
        return new AccountView.Balance(asset, machine.balance(owner, asset), machine.held(owner, asset));
    }

    /** The book, or null when this shard does not hold it. */
    static BookView book(ShardStateMachine machine, int instrumentId, int depth) {
        OrderBook book = machine.book(instrumentId);
        if (book == null) {
            return null;
        }
        return new BookView(instrumentId, machine.lastTradeTicks(instrumentId), machine.marketDataSequence(instrumentId),
                levels(book, Side.BUY, depth), levels(book, Side.SELL, depth));
    }

    private static List<BookView.Level> levels(OrderBook book, Side side, int depth) {
        List<BookView.Level> levels = new ArrayList<>();
        book.forEachLevel(side, depth, (price, lots, orders) -> levels.add(new BookView.Level(price, lots, orders)));
        return levels;
    }

    static ShardStatus status(ShardStateMachine machine) {
        int slotsOwned = 0;
        for (int slot = 0; slot < ShardStateMachine.SLOT_COUNT; slot++) {
            if (machine.shardOfSlot(slot) == machine.shardId()) {
                slotsOwned++;
            }
        }
        long unacknowledged = 0;
        for (int destination : machine.outboxDestinations()) {
            Outbox outbox = machine.outbox(destination);
            unacknowledged += outbox.size();
        }
        return new ShardStatus(machine.shardId(), machine.stateHash(), machine.logTimeMillis(), machine.openOrderCount(),
                machine.instrumentIds().length, slotsOwned, unacknowledged);
    }
}
