package io.bourse.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.client.model.Position;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HoldingTest {
    private static final Instrument ACME = new Instrument(1, "ACME", 1, 1, 10_000, 1_000, 500, 1, 2, 100_000);

    @Test
    void aPositionIsValuedAtItsPriceWithItsGainSinceItWasBought() {
        Position position = new Holding(ACME, 30, 300_000, -1_250, 10_250).position();

        assertThat(position.quantity()).isEqualTo(30);
        assertThat(position.averageCost()).isEqualTo("100.00");
        assertThat(position.marketValue()).isEqualTo("3075.00");
        assertThat(position.unrealizedPnl()).isEqualTo("75.00");
        assertThat(position.realizedPnl()).isEqualTo("-12.50");
    }

    @Test
    void aValuePastWhatALongHoldsIsExactNotWrapped() {
        long shares = Ledger.MAX_NET_INFLOW; // every share a shard may take in, on one account
        long priceCents = 999_999_999_999_999L; // the highest price an order may name
        Holding holding = new Holding(ACME, shares, 100, 0, priceCents);

        BigInteger value = BigInteger.valueOf(shares).multiply(BigInteger.valueOf(priceCents));
        assertThat(value.bitLength()).isGreaterThan(63);
        assertThat(holding.marketValueCents()).isEqualTo(value);
        assertThat(holding.position().marketValue()).isEqualTo("45035996273704914964003726295.04");
        assertThat(holding.position().unrealizedPnl()).isEqualTo("45035996273704914964003726294.04");
    }
}
