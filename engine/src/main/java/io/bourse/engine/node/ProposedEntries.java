package io.bourse.engine.node;

import java.util.Collection;

/**
 * How many log entries the leaders among some nodes' replicas have proposed, and how many commands
 * they carried: how well commands are batched (every entry costs the same Raft work on every
 * replica, whatever it carries). Counts since the nodes started; {@link #since} gives a window.
 */
public record ProposedEntries(long entries, long commands) {

    /** Over every replica of {@code nodes}, so far. */
    public static ProposedEntries of(Collection<EngineNode> nodes) {
        long entries = 0;
        long commands = 0;
        for (EngineNode node : nodes) {
            for (var replica : node.replicas().values()) {
                entries += replica.proposedBatches();
                commands += replica.proposedCommands();
            }
        }
        return new ProposedEntries(entries, commands);
    }

    /** What was proposed after {@code earlier}. */
    public ProposedEntries since(ProposedEntries earlier) {
        return new ProposedEntries(entries - earlier.entries, commands - earlier.commands);
    }

    public double commandsPerEntry() {
        return (double) commands / Math.max(1, entries);
    }
}
