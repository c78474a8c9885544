package io.bourse.engine.cluster;

import java.util.List;

/** One shard's Raft group: its id and the nodes that hold its replicas. */
public record ShardLayout(int shardId, List<String> replicas) {
    public ShardLayout {
        replicas = List.copyOf(replicas);
    }

    public String groupId() {
        return ClusterLayout.shardGroupId(shardId);
    }
}
