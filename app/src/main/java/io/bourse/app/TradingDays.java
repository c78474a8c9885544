package io.bourse.app;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command.EndTradingDay;
import io.bourse.core.shard.CommandResult;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.ShardLayout;
import io.bourse.engine.directory.InstrumentListing;
import io.bourse.gateway.api.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ending a trading day, for the operator's command and for {@code bourse dev}'s daily close: every
 * shard ends the day, then each instrument's price band is centred on its close, as an exchange
 * moves its static bands overnight (a band fixed at listing would hold a price inside it forever).
 */
final class TradingDays {
    /** What each shard made of it: ended now, ended before (nothing changed), or refused, with why. */
    record Ending(LocalDate day, List<Integer> ended, List<Integer> alreadyEnded, List<String> bandsMoved, List<String> refusals) {
        String summary() {
            List<String> lines = new ArrayList<>();
            if (!ended.isEmpty()) {
                lines.add(day + " ended on shards " + join(ended));
            }
            if (!alreadyEnded.isEmpty()) {
                lines.add(day + " was already ended on shards " + join(alreadyEnded) + ": nothing changed there");
            }
            lines.addAll(bandsMoved);
            return String.join("\n", lines);
        }

        private static String join(List<Integer> shards) {
            return shards.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
    }

    private TradingDays() {}

    static Ending end(ClusterLayout layout, EngineClient engine, LocalDate day) {
        List<Integer> ended = new ArrayList<>();
        List<Integer> already = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (ShardLayout shard : layout.shards()) {
            CommandResult result = engine.submit(shard.shardId(), List.of(new EndTradingDay(day.toEpochDay()))).get(0);
            switch (result.outcome()) {
                case ACCEPTED -> ended.add(shard.shardId());
                case DUPLICATE -> already.add(shard.shardId());
                default -> refusals.add("shard " + shard.shardId() + " refused to end " + day + ": "
                        + (result.reason() == RejectReason.TRADING_DAY_NOT_BEGUN ? "that day has not begun there" : result.reason()));
            }
        }
        List<String> bandsMoved = new ArrayList<>();
        for (InstrumentListing listing : engine.refreshDirectory().instruments()) {
            Instrument instrument = listing.instrument();
            long close = engine.quote(instrument.id(), false).previousCloseTicks();
            if (close == 0 || close == instrument.referencePriceTicks()) {
                continue;
            }
            CommandResult moved = engine.moveReferencePrice(instrument.id(), close);
            Instrument now = instrument.withReferencePrice(close);
            switch (moved.outcome()) {
                case ACCEPTED, DUPLICATE -> bandsMoved.add(instrument.symbol() + "'s price band now centres on its close, "
                        + Money.price(now, close) + ": " + Money.price(now, now.bandLowTicks()) + " to " + Money.price(now, now.bandHighTicks()));
                default -> refusals.add("the directory refused to move " + instrument.symbol() + "'s price band to "
                        + Money.price(now, close) + ": " + moved.reason());
            }
        }
        return new Ending(day, ended, already, bandsMoved, refusals);
    }

}
