package io.bourse.core.shard;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the committed snapshot of a format version: a fixed random trading session across three
 * shards, stopped mid-flight (messages still in outboxes, stops waiting), and a format-independent
 * summary of what each shard holds. Run once per released format version:
 * {@code ./mvnw -pl core test-compile exec:java}-style, or from an IDE, with the target folder as argument.
 */
final class SnapshotFixtures {
    private SnapshotFixtures() {}

    static RandomTrading session() {
        RandomTrading trading = new RandomTrading();
        // The stream of commands as it was when the committed files were written: every amendment
        // then named both price and quantity.
        trading.amendmentsMayKeep = false;
        trading.passwordsMayChange = false;
        Random random = new Random(20261130);
        for (int i = 0; i < 3_000; i++) {
            trading.step(random.nextInt(10), random);
        }
        return trading;
    }

    /** What must survive any format change: balances, holds, open orders, books, channels. */
    static List<String> summary(ShardStateMachine shard, List<Long> accounts) {
        List<String> lines = new ArrayList<>();
        lines.add("shard " + shard.shardId() + " logTime " + shard.logTimeMillis() + " openOrders " + shard.openOrderCount());
        List<Long> owners = new ArrayList<>(accounts);
        owners.addAll(List.of(Ledger.CLEARING, Ledger.FEE_REVENUE, Ledger.OUTSIDE_WORLD));
        for (long owner : owners) {
            for (int asset : new int[] {Ledger.CASH, RandomTrading.ACME.id(), RandomTrading.WIDGET.id()}) {
                lines.add("owner " + owner + " asset " + asset + " balance " + shard.balance(owner, asset) + " held " + shard.held(owner, asset));
            }
        }
        for (long account : accounts) {
            shard.openOrders(account).forEach(order -> lines.add("order " + describe(order)));
        }
        for (Instrument instrument : RandomTrading.INSTRUMENTS) {
            if (shard.book(instrument.id()) != null) {
                lines.add("book " + instrument.symbol() + " resting " + shard.book(instrument.id()).restingOrderCount()
                        + " bid " + shard.book(instrument.id()).bestBidTicks() + " ask " + shard.book(instrument.id()).bestAskTicks()
                        + " stops " + shard.waitingStopCount(instrument.id()) + " last " + shard.lastTradeTicks(instrument.id()));
            }
        }
        for (int destination : shard.outboxDestinations()) {
            Outbox outbox = shard.outbox(destination);
            lines.add("outbox " + destination + " from " + outbox.firstSequence() + " to " + outbox.nextSequence());
        }
        for (int source = 1; source <= 3; source++) {
            lines.add("applied from " + source + " " + shard.lastAppliedFrom(source));
        }
        return lines;
    }

    /** An open order in the words of the version 1 summaries. */
    private static String describe(OrderView o) {
        return "OrderView[orderId=" + o.orderId() + ", accountId=" + o.accountId() + ", clientOrderId=" + o.clientOrderId()
                + ", instrumentId=" + o.instrumentId() + ", side=" + o.side() + ", type=" + o.type() + ", timeInForce="
                + o.timeInForce() + ", status=" + o.status() + ", limitPriceTicks=" + o.limitPriceTicks() + ", stopPriceTicks="
                + o.stopPriceTicks() + ", totalLots=" + o.totalLots() + ", filledLots=" + o.filledLots() + "]";
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        RandomTrading trading = session();
        for (ShardStateMachine shard : trading.network.shards.values()) {
            Files.write(folder.resolve("shard-" + shard.shardId() + ".bin"), shard.snapshot());
            Files.write(folder.resolve("shard-" + shard.shardId() + ".summary"), summary(shard, trading.accounts));
            Files.writeString(folder.resolve("shard-" + shard.shardId() + ".sha256"), shard.stateHash() + "\n");
        }
        Files.write(folder.resolve("accounts"), trading.accounts.stream().map(String::valueOf).toList());
    }
}
