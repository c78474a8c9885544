package io.bourse.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupEndpointsTest {
    @Test
    void everyGroupHasTheEndpointsTheLayoutGivesIt() {
        ClusterLayout layout = ClusterLayout.local("127.0.0.1", List.of(7001, 7002, 7003, 7004, 7005), 40, 3);
        GroupEndpoints endpoints = new GroupEndpoints(layout);

        assertThat(endpoints.of(ClusterLayout.DIRECTORY_GROUP)).containsExactly("127.0.0.1:7001", "127.0.0.1:7002", "127.0.0.1:7003");
        for (ShardLayout shard : layout.shards()) {
            List<String> expected = shard.replicas().stream().map(id -> layout.node(id).endpoint()).toList();
            assertThat(endpoints.of(shard.groupId())).as(shard.groupId()).isEqualTo(expected).hasSize(3);
        }
        assertThat(endpoints.of("shard-7")).containsExactly("127.0.0.1:7002", "127.0.0.1:7003", "127.0.0.1:7004");
    }

    @Test
    void aGroupTheLayoutDoesNotHaveHasNoEndpoints() {
        GroupEndpoints endpoints = new GroupEndpoints(ClusterLayout.local("127.0.0.1", List.of(7001), 2, 1));

        assertThat(endpoints.of("shard-3")).isEmpty();
        assertThat(endpoints.of("directory-2")).isEmpty();
    }
}
