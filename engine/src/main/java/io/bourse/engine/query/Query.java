package io.bourse.engine.query;

/** A read of one group's state. */
public sealed interface Query {
    /** The directory: layout, slots, instruments. Answer: {@link io.bourse.engine.directory.DirectoryView}. */
    record Directory() implements Query {}

    /** An account's balances and open orders, on its shard. Answer: {@link AccountView}. */
    record Account(long accountId) implements Query {}

    /** The top {@code depth} levels of a book, on its market shard. Answer: {@link BookView}. */
    record Book(int instrumentId, int depth) implements Query {}

    /** A shard's vital signs. Answer: {@link ShardStatus}. */
    record Status() implements Query {}
}
