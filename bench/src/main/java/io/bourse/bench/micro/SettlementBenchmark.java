package io.bourse.bench.micro;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.ShardEvent;
import io.bourse.core.shard.ShardLimits;
import io.bourse.core.shard.ShardStateMachine;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * A crossing pair on one shard: a one-lot sell placed, then a one-lot buy that fills it, both
 * orders settled and ended (holds, the match, the ledger, both accounts' positions, fills and ended
 * orders, the client order ids), from a seller and a buyer drawn at random among {@code accounts}.
 * It is the work the engine benchmark's apply threads do for every order, without Raft. Its
 * baseline is its own smallest size: with 1,000 accounts their records stay in the caches; with
 * more, each account's records were last touched long ago, and the difference is what settling's
 * cache misses cost. To compare two builds, run it on each, alternately.
 *
 * <pre>java -cp bench/target/bourse-bench.jar org.openjdk.jmh.Main Settlement</pre>
 */
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Xmn512m", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
public class SettlementBenchmark extends MicroBenchmark {
    private static final int SHARD = 1;
    private static final int INSTRUMENT = 1;
    private static final long PRICE_CENTS = 100_00;

    /**
     * Smaller stores than a deployment's, so that they are full, and forgetting as fast as they learn,
     * within the warm-up: with the defaults (4,000,000 remembered client order ids, 200 ended orders
     * and 500 fills an account) they grew through the whole run, and young collections of the growing
     * state took 45 % of the time and swung the iterations from 6 to 17 µs a pair.
     */
    private static final ShardLimits STEADY_SOON = new ShardLimits(ShardLimits.DAY_MILLIS, 1_000, 1_000, 4_000_000, 100_000,
            1_000_000, 50, 20, 50, 20);

    /** Accounts on the shard, half of them sellers; the engine benchmark's 4 shards hold 4,000, three replicas each. */
    @Param({"1000", "10000", "30000"})
    int accounts;

    private ShardStateMachine machine;
    private final SplittableRandom random = new SplittableRandom(7);
    private long nowMillis = 1_000;
    private long pair;

    @Setup
    public void fill() {
        machine = new ShardStateMachine(SHARD, STEADY_SOON, ShardEvent.Sink.NONE);
        apply(new Command.AssignSlots(0, 1023, SHARD));
        apply(new Command.DefineInstrument(new Instrument(INSTRUMENT, "ACME", 1, 1, 10_000, 1_000, 500, 1, 2, 100_000), SHARD));
        long transferId = 1;
        for (long account = 1; account <= accounts; account++) {
            boolean seller = account % 2 == 1;
            apply(new Command.Deposit(account, transferId++, seller ? INSTRUMENT : Ledger.CASH, seller ? 10_000_000L : 10_000_000_000L));
        }
    }

    @Benchmark
    public CommandResult crossingPairSettled() {
        long seller = 1 + 2L * random.nextInt(accounts / 2);
        long buyer = 2 + 2L * random.nextInt(accounts / 2);
        long id = ++pair;
        nowMillis++;
        apply(new Command.PlaceOrder(seller, "s" + id, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GOOD_TILL_CANCELED,
                PRICE_CENTS, 0, 1, false));
        return apply(new Command.PlaceOrder(buyer, "b" + id, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GOOD_TILL_CANCELED,
                PRICE_CENTS, 0, 1, false));
    }

    private CommandResult apply(Command command) {
        CommandResult result = machine.apply(nowMillis, command);
        if (result.isRejected()) {
            throw new IllegalStateException(command + " rejected: " + result);
        }
        return result;
    }
}
