package io.bourse.engine;

import io.bourse.core.instrument.Instrument;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** For test classes whose tests can share one cluster (three nodes, four shards, ACME on shard 4). */
@Timeout(120)
abstract class SharedAcmeCluster {
    static final Instrument ACME = LocalCluster.ACME;

    @TempDir
    static Path data;
    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.withAcme(data);
    }

    /** The first account from {@code from} on whose slot {@code shard} holds. */
    static long accountOnShard(int shard, long from) {
        long account = from;
        while (cluster.client.directory().shardOfAccount(account) != shard) {
            account++;
        }
        return account;
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
