package io.bourse.engine.node;

import io.bourse.engine.raft.RaftReplica;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * What an engine node tells its operators: for each replica it hosts (tagged with the node and the
 * group), whether it leads, the log entries and commands it proposed (their ratio is how well
 * batching works), the commands waiting to be proposed and those refused as overloaded, how long
 * commands waited for their entry and entries took to commit (each a sum of seconds: divided by the
 * commands or entries proposed, the mean), the log index it has applied, its snapshots and
 * leaderships; for the process, how far entry pacing is on.
 *
 * <p>Every meter reads, when scraped, a counter the replica keeps anyway. The two durations cost the
 * command path one clock reading per command and two per entry.
 */
public final class EngineNodeMetrics {
    private EngineNodeMetrics() {}

    /** Registers the node's meters with {@code registry}. */
    public static void bind(EngineNode node, MeterRegistry registry) {
        Tags nodeTag = Tags.of("node", node.nodeId());
        node.replicas().forEach((groupId, replica) -> bindReplica(replica, registry, nodeTag.and("group", groupId)));
        Gauge.builder("bourse.engine.entry.pacing", RaftReplica::entryPacingLevel)
                .description("How far this process's leaders space their log entries: 0 not at all, 1 each group's maximum")
                .tags(nodeTag).register(registry);
    }

    private static void bindReplica(RaftReplica<?> replica, MeterRegistry registry, Tags tags) {
        gauge(registry, "bourse.raft.leader", "1 while this replica leads its group", replica, tags, r -> r.isLeader() ? 1 : 0);
        gauge(registry, "bourse.raft.commands.waiting", "Commands queued at this replica, not yet proposed", replica, tags,
                RaftReplica::commandsWaiting);
        gauge(registry, "bourse.raft.applied.index", "The last log index this replica has applied", replica, tags,
                RaftReplica::appliedIndex);
        counter(registry, "bourse.raft.entries.proposed", "Log entries this replica proposed while it led", replica, tags,
                RaftReplica::proposedBatches);
        counter(registry, "bourse.raft.commands.proposed", "Commands in the log entries this replica proposed", replica, tags,
                RaftReplica::proposedCommands);
        counter(registry, "bourse.raft.commands.wait.seconds",
                "Seconds the commands this replica proposed spent queued before their log entry was proposed, summed", replica,
                tags, RaftReplica::commandsWaitedSeconds);
        counter(registry, "bourse.raft.entries.commit.seconds",
                "Seconds from proposing each log entry until it was committed on a majority and applied here (or failed), summed",
                replica, tags, RaftReplica::entriesCommittingSeconds);
        counter(registry, "bourse.raft.commands.overloaded", "Commands refused because this replica's queue was full", replica,
                tags, RaftReplica::commandsRefusedOverloaded);
        counter(registry, "bourse.raft.snapshots.saved", "Snapshots this replica saved", replica, tags,
                RaftReplica::snapshotsSaved);
        counter(registry, "bourse.raft.leaderships.taken", "Times this replica became its group's leader", replica, tags,
                RaftReplica::leadershipsTaken);
    }

    private static void gauge(MeterRegistry registry, String name, String description, RaftReplica<?> replica, Tags tags,
                              ToDoubleFunction<RaftReplica<?>> value) {
        Gauge.builder(name, replica, value).description(description).tags(tags).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, RaftReplica<?> replica, Tags tags,
                                ToDoubleFunction<RaftReplica<?>> value) {
        FunctionCounter.builder(name, replica, value).description(description).tags(tags).register(registry);
    }
}
