package io.bourse.bench.load;

import io.bourse.client.BourseClient;
import io.bourse.client.HttpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The load's traders: signed up and funded through the API, spread over the servers; every other one a seller with shares. */
final class Population {
    /** Gives a seller shares, the system's own way (null: nobody can, so there are no sellers). */
    interface ShareSeeder {
        void seed(BourseClient client, long accountId) throws Exception;
    }

    private Population() {}

    /** The load generator's HTTP client: as many connections as requests in flight, on one event-loop thread. */
    static NettyHttpTransport transport() {
        return new NettyHttpTransport();
    }

    static List<Trader> signUp(HttpTransport http, List<URI> servers, int users, ShareSeeder seeder) throws Exception {
        String run = Long.toString(System.nanoTime() % 1_000_000_000_000L, 36);
        try (ExecutorService setup = Executors.newFixedThreadPool(16)) {
            List<Future<Trader>> futures = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                int index = i;
                futures.add(setup.submit(() -> {
                    BourseClient client = new BourseClient(servers.get(index % servers.size()), http, Duration.ofSeconds(60));
                    String username = "bench-" + run + "-" + index;
                    client.signUp(username, "bench-password-" + index);
                    long accountId = Long.parseLong(client.logIn(username, "bench-password-" + index).accountId());
                    client.deposit("1000000.00");
                    boolean seller = seeder != null && index % 2 == 1;
                    if (seller) {
                        seeder.seed(client, accountId);
                    }
                    return new Trader(username, client, seller);
                }));
            }
            List<Trader> traders = new ArrayList<>();
            for (Future<Trader> future : futures) {
                traders.add(future.get());
            }
            return traders;
        }
    }
}
