package io.bourse.engine.node;

import io.bourse.core.shard.ShardLimits;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.raft.BatchingOptions;
import io.bourse.engine.raft.ReplicaOptions;
import io.bourse.core.shard.ShardEvent;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * What an engine node needs to start: who it is, the cluster it belongs to, where its data lives,
 * and the bounds it runs within.
 */
public record EngineNodeConfig(String nodeId, ClusterLayout layout, Path dataDirectory, ShardLimits limits,
                               BatchingOptions batching, ReplicaOptions replica, EngineClientOptions client,
                               IntFunction<ShardEvent.Sink> events) {

    public static EngineNodeConfig of(String nodeId, ClusterLayout layout, Path dataDirectory) {
        return new EngineNodeConfig(nodeId, layout, dataDirectory, ShardLimits.defaults(), BatchingOptions.defaults(),
                ReplicaOptions.defaults(), EngineClientOptions.defaults(), shardId -> ShardEvent.Sink.NONE);
    }

    public EngineNodeConfig withReplica(ReplicaOptions options) {
        return new EngineNodeConfig(nodeId, layout, dataDirectory, limits, batching, options, client, events);
    }

    /** Where each shard replica on this node sends its events (order updates, fills, trades) as it applies commands. */
    public EngineNodeConfig withEvents(IntFunction<ShardEvent.Sink> eventsOfShard) {
        return new EngineNodeConfig(nodeId, layout, dataDirectory, limits, batching, replica, client, eventsOfShard);
    }
}
