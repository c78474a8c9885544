package io.bourse.engine.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each group's replicas listen ("host:port"), by group id, resolved once from a layout.
 * The engine client looks this up for every request it sends, so it is a map lookup rather than a
 * walk of the layout's shards and then of its nodes for each replica, a cost that grew with the
 * cluster (see {@code GroupRoutingBenchmark}).
 */
public final class GroupEndpoints {
    private final Map<String, List<String>> byGroup;

    public GroupEndpoints(ClusterLayout layout) {
        Map<String, String> endpointOfNode = HashMap.newHashMap(layout.nodes().size());
        for (NodeAddress node : layout.nodes()) {
            endpointOfNode.put(node.id(), node.endpoint());
        }
        byGroup = HashMap.newHashMap(layout.shards().size() + 1);
        byGroup.put(ClusterLayout.DIRECTORY_GROUP, layout.directoryReplicas().stream().map(endpointOfNode::get).toList());
        for (ShardLayout shard : layout.shards()) {
            byGroup.put(shard.groupId(), shard.replicas().stream().map(endpointOfNode::get).toList());
        }
    }

    /** The endpoints of a group's replicas, in the layout's order; empty for a group the layout does not have. */
    public List<String> of(String groupId) {
        return byGroup.getOrDefault(groupId, List.of());
    }
}
