package io.bourse.gateway;

import io.bourse.client.BourseClient;
import io.bourse.core.instrument.Instrument;
import io.bourse.engine.LocalCluster;
import io.bourse.engine.client.EngineClient;
import io.bourse.gateway.auth.AccountIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform the gateway tests share, started once per test JVM: a real three-node engine
 * cluster (four shards, three replicas each) and two gateways in front of it. Tests that kill a
 * gateway start one of their own.
 */
final class TestPlatform {
    static final Instrument ACME = LocalCluster.ACME;
    /** A second instrument ($20.00, 5-cent ticks, 10-share lots), its book on another shard than ACME's. */
    static final Instrument BETA = new Instrument(2, "BETA", 5, 10, 400, 2_000, 500, 0, 1, 10_000);
    /** Cheap digests keep the tests fast; production uses 210,000 rounds. */
    static final int TEST_PASSWORD_ITERATIONS = 1_000;

    private static TestPlatform instance;
    private static final AtomicInteger USERS = new AtomicInteger();

    final LocalCluster cluster;
    final List<Gateway> gateways;

    private TestPlatform(LocalCluster cluster, List<Gateway> gateways) {
        this.cluster = cluster;
        this.gateways = gateways;
    }

    static synchronized TestPlatform get() {
        if (instance == null) {
            try {
                Path data = Files.createTempDirectory("bourse-gateway-test");
                LocalCluster cluster = LocalCluster.withAcme(data);
                cluster.list(BETA, 2);
                cluster.awaitReady(2);
                List<Gateway> gateways = List.of(startGateway(cluster), startGateway(cluster));
                instance = new TestPlatform(cluster, gateways);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    gateways.forEach(Gateway::close);
                    cluster.close();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    static Gateway startGateway(LocalCluster cluster) {
        return Gateway.start(config(cluster));
    }

    static GatewayConfig config(LocalCluster cluster) {
        return GatewayConfig.of("127.0.0.1", 0, cluster.layout).withPasswordIterations(TEST_PASSWORD_ITERATIONS);
    }

    URI uri(int gateway) {
        return URI.create("http://127.0.0.1:" + gateways.get(gateway).port());
    }

    BourseClient client(int gateway) {
        return new BourseClient(uri(gateway));
    }

    EngineClient engine() {
        return cluster.client;
    }

    /** A username not used before in this JVM, whose account lives on {@code shard} (any shard when 0). */
    String newUsername(String prefix, int shard) {
        while (true) {
            String name = prefix + "-" + USERS.incrementAndGet();
            if (shard == 0 || engine().directory().shardOfAccount(AccountIds.of(name)) == shard) {
                return name;
            }
        }
    }

    /** A user and the client they trade through. */
    record Trader(String username, long accountId, BourseClient client) {}

    /** A signed-up, logged-in user with {@code dollars} deposited, talking to {@code gateway}. */
    Trader newTrader(String prefix, int shard, int gateway, String dollars) {
        BourseClient client = client(gateway);
        String username = newUsername(prefix, shard);
        client.signUp(username, "password-" + username);
        long accountId = Long.parseLong(client.logIn(username, "password-" + username).accountId());
        if (dollars != null) {
            client.deposit(dollars);
        }
        return new Trader(username, accountId, client);
    }

    /** Shares moved in from outside (an in-kind transfer), which the public API has no call for. */
    void grantShares(long accountId, Instrument instrument, long shares) {
        var result = engine().submit(new io.bourse.core.shard.Command.Deposit(accountId,
                java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), instrument.id(), shares));
        if (result.isRejected()) {
            throw new IllegalStateException("granting shares was rejected: " + result.reason());
        }
    }
}
