package io.bourse.gateway.api;

import io.bourse.client.model.Position;
import io.bourse.core.instrument.Instrument;
import java.math.BigInteger;

/**
 * One instrument an account holds or has traded, in cents: what the portfolio adds up and the
 * positions show. Cost and realized P&amp;L are sums of settled cash, so a long holds them; a
 * market value is shares times the last price, which the ledger's bounds do not bound (a large
 * position priced far above what was paid for it), so values are exact big integers, never wrapped.
 */
record Holding(Instrument instrument, long shares, long costCents, long realizedCents, long priceCents) {

    BigInteger marketValueCents() {
        return BigInteger.valueOf(priceCents).multiply(BigInteger.valueOf(shares));
    }

    BigInteger unrealizedCents() {
        return marketValueCents().subtract(BigInteger.valueOf(costCents));
    }

    Position position() {
        return new Position(instrument.symbol(), shares, Money.perShare(costCents, shares), Money.cents(costCents),
                Money.cents(priceCents), Money.cents(marketValueCents()), Money.cents(unrealizedCents()), Money.cents(realizedCents));
    }
}
