package io.bourse.core.shard;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command.PlaceOrder;

/** Short ways to write the commands and instruments of the shard tests. */
final class Orders {
    /** $100.00 reference, 1-cent ticks, 1-share lots, band ±10 % ($90–$110), collar 5 %, fees 1 and 2 cents a share. */
    static final Instrument ACME = new Instrument(1, "ACME", 1, 1, 10_000, 1_000, 500, 1, 2, 100_000);
    /** 5-cent ticks and 10-share lots, to test multiples. */
    static final Instrument BULKY = new Instrument(2, "BULKY", 5, 10, 2_000, 1_000, 500, 0, 0, 10_000);

    private Orders() {}

    static PlaceOrder limit(long account, String clientOrderId, Side side, long shares, long priceCents, TimeInForce timeInForce) {
        return new PlaceOrder(account, clientOrderId, ACME.id(), side, OrderType.LIMIT, timeInForce, priceCents, 0, shares, false);
    }

    static PlaceOrder buy(long account, String clientOrderId, long shares, long priceCents) {
        return limit(account, clientOrderId, Side.BUY, shares, priceCents, TimeInForce.GOOD_TILL_CANCELED);
    }

    static PlaceOrder sell(long account, String clientOrderId, long shares, long priceCents) {
        return limit(account, clientOrderId, Side.SELL, shares, priceCents, TimeInForce.GOOD_TILL_CANCELED);
    }

    static PlaceOrder market(long account, String clientOrderId, Side side, long shares) {
        return new PlaceOrder(account, clientOrderId, ACME.id(), side, OrderType.MARKET, TimeInForce.IMMEDIATE_OR_CANCEL, 0, 0, shares, false);
    }

    static PlaceOrder stop(long account, String clientOrderId, Side side, long shares, long stopCents) {
        return new PlaceOrder(account, clientOrderId, ACME.id(), side, OrderType.STOP, TimeInForce.DAY, 0, stopCents, shares, false);
    }

    static PlaceOrder stopLimit(long account, String clientOrderId, Side side, long shares, long stopCents, long limitCents) {
        return new PlaceOrder(account, clientOrderId, ACME.id(), side, OrderType.STOP_LIMIT, TimeInForce.DAY, limitCents, stopCents, shares, false);
    }
}
