package io.bourse.bench.micro;

import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.GroupEndpoints;
import io.bourse.engine.cluster.NodeAddress;
import io.bourse.engine.cluster.ShardLayout;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What the engine client pays, for every request, to find where a shard's replicas listen: from
 * the index it makes once ({@link GroupEndpoints}), against walking the layout (the group's shard
 * among the shards, then each replica's node among the nodes), which it did before: the
 * baseline, kept here as it was, in the same run. Shards
 * spread over 3 or 12 nodes, three replicas each.
 *
 * <pre>java -cp bench/target/bourse-bench.jar org.openjdk.jmh.Main GroupRouting</pre>
 */
public class GroupRoutingBenchmark extends MicroBenchmark {
    /** Shards in the cluster: this machine's benchmarks, a mid-sized cluster, one shard per account slot. */
    @Param({"4", "64", "1024"})
    int shards;

    private ClusterLayout layout;
    private GroupEndpoints endpoints;
    private String[] groups;
    private int next;

    @Setup
    public void lay() {
        List<NodeAddress> nodes = new ArrayList<>();
        for (int i = 1; i <= (shards < 64 ? 3 : 12); i++) {
            nodes.add(new NodeAddress("node-" + i, "10.0.0." + i, 7000));
        }
        layout = ClusterLayout.spread(nodes, shards, 3);
        endpoints = new GroupEndpoints(layout);
        groups = new String[1024];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = ClusterLayout.shardGroupId(1 + (int) ((i * 2_654_435_761L) % shards));
        }
    }

    private String nextGroup() {
        next = (next + 1) & 1023;
        return groups[next];
    }

    @Benchmark
    public List<String> indexed() {
        return endpoints.of(nextGroup());
    }

    @Benchmark
    public List<String> walkingTheLayout() {
        String group = nextGroup();
        List<String> replicas = layout.shards().stream().filter(s -> s.groupId().equals(group)).findFirst()
                .map(ShardLayout::replicas).orElse(List.of());
        return replicas.stream().map(id -> layout.node(id).endpoint()).toList();
    }
}
