package io.bourse.engine.node;

import io.bourse.core.shard.ShardLimits;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.raft.BatchingOptions;
import io.bourse.engine.raft.ReplicaOptions;
import java.nio.file.Path;

/**
 * What an engine node needs to start: who it is, the cluster it belongs to, where its data lives,
 * and the bounds it runs within.
 */
public record EngineNodeConfig(String nodeId, ClusterLayout layout, Path dataDirectory, ShardLimits limits,
                               BatchingOptions batching, ReplicaOptions replica, EngineClientOptions client) {

    public static EngineNodeConfig of(String nodeId, ClusterLayout layout, Path dataDirectory) {
        return new EngineNodeConfig(nodeId, layout, dataDirectory, ShardLimits.defaults(), BatchingOptions.defaults(),
                ReplicaOptions.defaults(), EngineClientOptions.defaults());
    }

    public EngineNodeConfig withReplica(ReplicaOptions options) {
        return new EngineNodeConfig(nodeId, layout, dataDirectory, limits, batching, options, client);
    }
}
