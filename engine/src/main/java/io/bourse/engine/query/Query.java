package io.bourse.engine.query;

import io.bourse.core.shard.CandleInterval;
import java.util.List;

/** A read of one group's state. */
public sealed interface Query {
    /** The directory: layout, slots, instruments. Answer: {@link io.bourse.engine.directory.DirectoryView}. */
    record Directory() implements Query {}

    /** An account's balances, open orders and positions, on its shard. Answer: {@link AccountView}. */
    record Account(long accountId) implements Query {}

    /** The top {@code depth} levels of a book, on its market shard. Answer: {@link BookView}. */
    record Book(int instrumentId, int depth) implements Query {}

    /** A shard's vital signs. Answer: {@link ShardStatus}. */
    record Status() implements Query {}

    /** The user owning an account, on its shard. Answer: a {@link io.bourse.core.shard.UserView}, or none. */
    record User(long accountId) implements Query {}

    /** One of an account's orders, open or recently ended. Answer: a list of zero or one {@link io.bourse.core.shard.OrderView}. */
    record Order(long accountId, long orderId) implements Query {}

    /** An account's recently ended orders, oldest first. */
    record OrderHistory(long accountId) implements Query {}

    /** An account's recent fills, oldest first. */
    record Fills(long accountId) implements Query {}

    /** An account's recent deposits and withdrawals, oldest first. */
    record Transfers(long accountId) implements Query {}

    /** An instrument's quote and day figures, on its market shard. */
    record Quote(int instrumentId) implements Query {}

    /**
     * Several instruments' quotes, all on this market shard, in one read: what a portfolio values
     * its positions at. Answer: a {@link io.bourse.core.shard.MarketStatsView} per instrument, in
     * the order asked; none when this shard does not hold one of them.
     */
    record Quotes(List<Integer> instrumentIds) implements Query {
        public Quotes {
            instrumentIds = List.copyOf(instrumentIds);
        }
    }

    /** An instrument's recent trades, oldest first, on its market shard. */
    record Trades(int instrumentId) implements Query {}

    /** An instrument's candles of one interval, oldest first, on its market shard. */
    record Candles(int instrumentId, CandleInterval interval) implements Query {}
}
