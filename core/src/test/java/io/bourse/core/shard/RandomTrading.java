package io.bourse.core.shard;

import static io.bourse.core.ledger.Ledger.CASH;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drives a three-shard network with a random but reproducible stream of customer commands and
 * message deliveries. Accounts live on every shard; the two books live on shards 2 and 3, so
 * every flow crosses shards somewhere.
 */
final class RandomTrading {
    static final Instrument ACME = new Instrument(1, "ACME", 1, 1, 10_000, 1_000, 500, 1, 2, 100_000);
    static final Instrument WIDGET = new Instrument(2, "WIDGET", 5, 10, 400, 2_000, 1_000, 3, 7, 10_000);
    static final List<Instrument> INSTRUMENTS = List.of(ACME, WIDGET);

    final ShardNetwork network;
    final List<Long> accounts = new ArrayList<>();
    private final List<long[]> placed = new ArrayList<>(); // {accountId, orderId}
    private long transferIds = 1;
    private int clientOrderIds;
    /** Whether some amendments name only one of price and quantity ({@link Command.AmendOrder#KEEP}). */
    boolean amendmentsMayKeep = true;
    /** Whether some credential steps change the password instead (drawing one more random number). */
    boolean passwordsMayChange = true;

    RandomTrading() {
        this(true);
    }

    /** {@code eventsWanted} false: the shards' sink wants none (and fails if one is built anyway). */
    RandomTrading(boolean eventsWanted) {
        this(eventsWanted ? new ShardNetwork(1, 2, 3) : ShardNetwork.unheard(1, 2, 3));
        network.define(ACME, 2);
        network.define(WIDGET, 3);
        for (long candidate = 1; accounts.size() < 6; candidate++) {
            // Two accounts on each shard.
            int shard = network.shards.get(1).shardOfAccount(candidate);
            if (accounts.stream().filter(a -> network.shards.get(1).shardOfAccount(a) == shard).count() < 2) {
                accounts.add(candidate);
            }
        }
        for (long account : accounts) {
            network.send(account, new Command.RegisterUser(account, "user" + account, "digest-" + account));
            network.send(account, new Command.Deposit(account, transferIds++, CASH, 50_000_000));
            for (Instrument instrument : INSTRUMENTS) {
                network.send(account, new Command.Deposit(account, transferIds++, instrument.id(), 5_000));
            }
        }
    }

    private RandomTrading(ShardNetwork network) {
        this.network = network;
    }

    /** Applies one step chosen by {@code choice}, using {@code random} for its details. */
    void step(int choice, Random random) {
        long account = accounts.get(random.nextInt(accounts.size()));
        switch (choice % 10) {
            case 0, 1, 2, 3 -> placeRandomOrder(account, random);
            case 4 -> {
                long orderId = pickOrder(account, random);
                network.sendWithoutDelivery(account, new Command.CancelOrder(account, orderId));
            }
            case 5 -> {
                long orderId = pickOrder(account, random);
                Instrument instrument = INSTRUMENTS.get(random.nextInt(2));
                // Now and then one of the two is left as the order has it.
                long priceCents = amendmentsMayKeep && random.nextInt(4) == 0 ? Command.AmendOrder.KEEP : priceNear(instrument, random);
                long shares = amendmentsMayKeep && random.nextInt(4) == 0 ? Command.AmendOrder.KEEP
                        : instrument.lotSizeShares() * (1 + random.nextInt(20));
                network.sendWithoutDelivery(account, new Command.AmendOrder(account, orderId, priceCents, shares));
            }
            case 6, 7, 8 -> network.deliverSome(random, 5);
            case 9 -> {
                switch (random.nextInt(9)) {
                    case 8 -> network.shards.get(2).apply(network.nowMillis, new Command.HaltTrading(ACME.id(), random.nextInt(4) == 0));
                    case 4 -> {
                        // Keys from a small pool, so some are retried and some reused with another request.
                        String key = "k" + random.nextInt(40);
                        long amount = 1 + random.nextInt(3);
                        Command inner = random.nextBoolean()
                                ? new Command.Deposit(account, 1_000_000 + key.hashCode() + amount, CASH, amount * 1_000)
                                : new Command.Withdraw(account, 2_000_000 + key.hashCode() + amount, CASH, amount * 1_000);
                        network.sendWithoutDelivery(account, new Command.Idempotent(account, key, inner.hashCode(), inner));
                    }
                    case 5 -> network.sendWithoutDelivery(account, new Command.CancelAllOrders(account, random.nextInt(3)));
                    case 6 -> network.sendWithoutDelivery(account, passwordsMayChange && random.nextInt(4) == 0
                            ? new Command.ChangePassword(account, "digest-" + random.nextInt(1_000), random.nextInt(6))
                            : random.nextBoolean()
                            ? new Command.AddCredential(account, 1 + random.nextInt(5), "secret",
                                    passwordsMayChange && random.nextBoolean() ? Scopes.ALL : Scopes.READ | Scopes.TRADE,
                                    network.nowMillis + 1 + random.nextInt(7_200_000), "key")
                            : new Command.RevokeCredential(account, 1 + random.nextInt(5)));
                    case 7 -> network.nowMillis += random.nextInt(60_000);
                    case 0 -> network.broadcast(new Command.EndTradingDay());
                    case 1 -> network.sendWithoutDelivery(account, new Command.Withdraw(account, transferIds++, CASH, 1 + random.nextInt(1_000_000)));
                    case 2 -> network.sendWithoutDelivery(account, new Command.Deposit(account, transferIds++, CASH, 1 + random.nextInt(1_000_000)));
                    default -> network.nowMillis += random.nextInt(3_600_000);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void placeRandomOrder(long account, Random random) {
        Instrument instrument = INSTRUMENTS.get(random.nextInt(2));
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        OrderType type = OrderType.values()[random.nextInt(10) < 7 ? 0 : random.nextInt(4)];
        TimeInForce timeInForce = switch (type) {
            case MARKET -> random.nextBoolean() ? TimeInForce.IMMEDIATE_OR_CANCEL : TimeInForce.FILL_OR_KILL;
            case STOP -> random.nextBoolean() ? TimeInForce.DAY : TimeInForce.GOOD_TILL_CANCELED;
            default -> TimeInForce.values()[random.nextInt(4)];
        };
        long limit = type.hasLimitPrice() ? priceNear(instrument, random) : 0;
        long stop = type.hasStopPrice() ? priceNear(instrument, random) : 0;
        boolean postOnly = type == OrderType.LIMIT && timeInForce.rests() && random.nextInt(5) == 0;
        long shares = instrument.lotSizeShares() * (1 + random.nextInt(random.nextInt(10) == 0 ? 600 : 15));
        // Now and then a deliberately bad order: it must be rejected and change nothing.
        if (random.nextInt(30) == 0) {
            shares += 1;
        }
        String clientOrderId = "c" + (random.nextInt(8) == 0 ? random.nextInt(clientOrderIds + 1) : ++clientOrderIds);
        Command.PlaceOrder order = new Command.PlaceOrder(account, clientOrderId, instrument.id(), side, type, timeInForce, limit, stop, shares, postOnly);
        CommandResult result = network.shardOf(account).apply(network.nowMillis, order);
        if (result.outcome() == Outcome.ACCEPTED) {
            placed.add(new long[] {account, result.id()});
        }
    }

    private long pickOrder(long account, Random random) {
        List<Long> own = placed.stream().filter(p -> p[0] == account).map(p -> p[1]).toList();
        return own.isEmpty() ? 12345 : own.get(random.nextInt(own.size()));
    }

    private static long priceNear(Instrument instrument, Random random) {
        long reference = instrument.referencePriceTicks();
        long offset = (long) (random.nextGaussian() * reference * 0.02);
        long ticks = Math.max(instrument.bandLowTicks(), Math.min(instrument.bandHighTicks(), reference + offset));
        if (random.nextInt(40) == 0) {
            ticks = instrument.bandHighTicks() + 1; // outside the band: rejected
        }
        return ticks * instrument.tickSizeCents();
    }

    /**
     * The clearing house's position per asset, plus what the fills still in flight will do to it
     * when they arrive: zero whenever the books are right.
     */
    long clearingIncludingInFlight(int asset) {
        long sum = network.clearing(asset);
        for (ShardStateMachine source : network.shards.values()) {
            for (int destinationId : source.outboxDestinations()) {
                ShardStateMachine destination = network.shards.get(destinationId);
                Outbox outbox = source.outbox(destinationId);
                for (long seq = destination.lastAppliedFrom(source.shardId()) + 1; seq < outbox.nextSequence(); seq++) {
                    if (outbox.message(seq) instanceof Message.OrderFilled fill) {
                        sum += inFlightEffect(destination, fill, asset);
                    }
                }
            }
        }
        return sum;
    }

    private static long inFlightEffect(ShardStateMachine destination, Message.OrderFilled fill, int asset) {
        OrderView order = destination.openOrder(fill.orderId());
        Instrument instrument = destination.instrument(order.instrumentId());
        long sign = order.side() == Side.BUY ? 1 : -1;
        if (asset == Ledger.CASH) {
            return sign * instrument.notionalCents(fill.priceTicks(), fill.lots());
        }
        return asset == instrument.id() ? -sign * instrument.shares(fill.lots()) : 0;
    }

    /** What a fresh network built from these shards' snapshots looks like. */
    RandomTrading restoredCopy() {
        ShardNetwork copy = new ShardNetwork();
        for (ShardStateMachine shard : network.shards.values()) {
            copy.shards.put(shard.shardId(), ShardStateMachine.restore(shard.snapshot(), ShardLimits.defaults(), copy.events::add));
        }
        copy.nowMillis = network.nowMillis;
        RandomTrading restored = new RandomTrading(copy);
        restored.accounts.addAll(accounts);
        restored.placed.addAll(placed);
        restored.transferIds = transferIds;
        restored.clientOrderIds = clientOrderIds;
        return restored;
    }

    List<String> hashes() {
        return network.shards.values().stream().map(ShardStateMachine::stateHash).toList();
    }
}
