package io.bourse.bench.engine;

import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command;
import io.bourse.engine.client.EngineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pairs of orders that cross: a one-lot sell and a one-lot buy at the same price, on a random
 * instrument, from a seller and a buyer chosen at random among accounts spread over every shard
 * (sellers and buyers apart, so self-trade prevention never cancels one). Every order fills.
 */
final class OrderFlow {
    static final long PRICE_CENTS = 100_00;

    final List<Long> sellers = new ArrayList<>();
    final List<Long> buyers = new ArrayList<>();
    private final int instruments;
    private final SplittableRandom random = new SplittableRandom(7);
    private long sequence;

    OrderFlow(EngineClient client, int shards, int accountsPerSidePerShard) {
        this.instruments = shards;
        int[] perShard = new int[shards + 1];
        long transferId = 1;
        for (long account = 1; sellers.size() + buyers.size() < 2L * accountsPerSidePerShard * shards; account++) {
            int shard = client.directory().shardOfAccount(account);
            if (perShard[shard] >= 2 * accountsPerSidePerShard) {
                continue;
            }
            if (perShard[shard]++ % 2 == 0) {
                sellers.add(account);
                for (int instrument = 1; instrument <= shards; instrument++) {
                    client.submit(new Command.Deposit(account, transferId++, instrument, 100_000_000L));
                }
            } else {
                buyers.add(account);
                client.submit(new Command.Deposit(account, transferId++, Ledger.CASH, 1_000_000_000_000L));
            }
        }
    }

    /** The next crossing pair: sell first, then buy. Client order ids are unique across the run. */
    List<Command.PlaceOrder> nextPair() {
        int instrument = 1 + random.nextInt(instruments);
        long pair = ++sequence;
        long seller = sellers.get(random.nextInt(sellers.size()));
        long buyer = buyers.get(random.nextInt(buyers.size()));
        return List.of(
                new Command.PlaceOrder(seller, "s" + pair, instrument, Side.SELL, OrderType.LIMIT, TimeInForce.GOOD_TILL_CANCELED,
                        PRICE_CENTS, 0, 1, false),
                new Command.PlaceOrder(buyer, "b" + pair, instrument, Side.BUY, OrderType.LIMIT, TimeInForce.GOOD_TILL_CANCELED,
                        PRICE_CENTS, 0, 1, false));
    }
}
