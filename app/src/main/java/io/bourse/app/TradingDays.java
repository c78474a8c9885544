package io.bourse.app;

import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command.EndTradingDay;
import io.bourse.core.shard.CommandResult;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.ShardLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Ending a trading day on every shard, for the operator's command and for {@code bourse dev}'s daily close. */
final class TradingDays {
    /** What each shard made of it: ended now, ended before (nothing changed), or refused, with why. */
    record Ending(LocalDate day, List<Integer> ended, List<Integer> alreadyEnded, List<String> refusals) {
        String summary() {
            List<String> lines = new ArrayList<>();
            if (!ended.isEmpty()) {
                lines.add(day + " ended on shards " + join(ended));
            }
            if (!alreadyEnded.isEmpty()) {
                lines.add(day + " was already ended on shards " + join(alreadyEnded) + ": nothing changed there");
            }
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
                        + (result.reason() == RejectReason.MALFORMED_COMMAND ? "that day has not begun there" : result.reason()));
            }
        }
        return new Ending(day, ended, already, refusals);
    }
}
