package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.client.BourseClient;
import io.bourse.client.model.Instrument;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order-entry mix keeps each user's open orders bounded, so a long run stays the same workload. */
class WorkloadTest {
    private static final Instrument ACME = new Instrument("ACME", "0.01", 1, "100.00", "50.00", "150.00", "0.00", "0.00", 1_000_000);

    @Test
    void aUserAtItsOpenOrderLimitCancelsInsteadOfPlacing() {
        Trader trader = new Trader("t", new BourseClient(URI.create("http://localhost:1")), false);
        Workload workload = new Workload(Scenario.ORDER_ENTRY, List.of(trader), List.of(ACME), true);

        Map<String, Integer> kinds = new HashMap<>();
        int nextId = 0;
        for (int i = 0; i < 60; i++) {
            while (!trader.atOpenOrderLimit()) { // choosing a cancel or replace takes an order off the list
                trader.opened(Integer.toString(nextId++));
            }
            kinds.merge(workload.next().kind(), 1, Integer::sum); // never run: choosing sends nothing
        }

        assertThat(kinds).doesNotContainKey("place").containsKey("cancel");
    }

    @Test
    void belowTheLimitHalfTheOperationsPlaceRestingOrders() {
        Trader trader = new Trader("t", new BourseClient(URI.create("http://localhost:1")), false);
        Workload workload = new Workload(Scenario.ORDER_ENTRY, List.of(trader), List.of(ACME), true);

        int places = 0;
        for (int i = 0; i < 2_000; i++) {
            if (workload.next().kind().equals("place")) {
                places++;
            }
        }

        assertThat(places).isBetween(850, 1_150);
    }
}
