package io.bourse.engine;

import static io.bourse.core.ledger.Ledger.CASH;

import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.Outcome;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.ShardLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders from several threads, between accounts on every shard, crossing often: what the fault
 * tests kill nodes under. Remembers what each placement was answered, so that afterwards every
 * acknowledged order can be checked to exist exactly once.
 */
final class Traffic implements AutoCloseable {
    record Attempt(Command.PlaceOrder order, CommandResult result) {}

    final List<Long> accounts = new ArrayList<>();
    final Queue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    final AtomicLong failures = new AtomicLong();
    private final EngineClient client;
    private final int instrumentId;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    Traffic(LocalCluster cluster, int instrumentId, int accountsPerShard) {
        this(cluster.client, cluster.layout, instrumentId, accountsPerShard);
    }

    Traffic(EngineClient client, ClusterLayout layout, int instrumentId, int accountsPerShard) {
        this.client = client;
        this.instrumentId = instrumentId;
        long transferId = 1_000_000;
        for (ShardLayout shard : layout.shards()) {
            long candidate = 1;
            for (int i = 0; i < accountsPerShard; i++) {
                while (client.directory().shardOfAccount(candidate) != shard.shardId() || accounts.contains(candidate)) {
                    candidate++;
                }
                accounts.add(candidate);
                client.submit(new Command.Deposit(candidate, transferId++, CASH, 1_000_000_000L));
                client.submit(new Command.Deposit(candidate, transferId++, instrumentId, 1_000_000L));
            }
        }
    }

    void start(int threads) {
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers.add(Thread.ofVirtual().name("traffic-" + t).start(() -> run(worker)));
        }
    }

    private void run(int worker) {
        Random random = new Random(worker);
        long n = 0;
        while (running) {
            long account = accounts.get(random.nextInt(accounts.size()));
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            TimeInForce timeInForce = random.nextInt(4) == 0 ? TimeInForce.IMMEDIATE_OR_CANCEL : TimeInForce.GOOD_TILL_CANCELED;
            Command.PlaceOrder order = new Command.PlaceOrder(account, "w" + worker + "-" + n++, instrumentId, side, OrderType.LIMIT,
                    timeInForce, 9_950 + random.nextInt(100), 0, 1 + random.nextInt(10), false);
            try {
                attempts.add(new Attempt(order, client.submit(order)));
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                attempts.add(new Attempt(order, null));
            }
        }
    }

    long acknowledged() {
        return attempts.stream().filter(a -> a.result() != null && a.result().outcome() == Outcome.ACCEPTED).count();
    }

    @Override
    public void close() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
