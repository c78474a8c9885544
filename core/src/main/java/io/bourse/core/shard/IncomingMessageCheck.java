package io.bourse.core.shard;

import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.RejectReason;

/**
 * Checks a message from another shard before it is applied, so that a malformed or misrouted
 * message is refused (and its sequence number not consumed) instead of corrupting state.
 */
final class IncomingMessageCheck {
    private IncomingMessageCheck() {}

    static RejectReason check(Message message, ShardStateMachine machine) {
        return switch (message) {
            case Message.SubmitOrder m -> checkSubmit(m, machine);
            case Message.CancelRequest m -> machine.markets.market(m.instrumentId()) == null ? RejectReason.UNKNOWN_INSTRUMENT : null;
            case Message.AmendRequest m -> machine.markets.market(m.instrumentId()) == null
                    ? RejectReason.UNKNOWN_INSTRUMENT
                    : (m.newPriceTicks() <= 0 || m.newTotalLots() <= 0 ? RejectReason.MALFORMED_COMMAND : null);
            case Message.OrderAccepted m -> null;
            case Message.OrderFilled m -> {
                AccountOrder order = machine.accounts.openOrders.get(m.orderId());
                if (order == null) {
                    yield RejectReason.UNKNOWN_ORDER;
                }
                yield m.lots() <= 0 || m.lots() > order.openLots() || m.priceTicks() <= 0 ? RejectReason.MALFORMED_COMMAND : null;
            }
            case Message.OrderEnded m -> machine.accounts.openOrders.get(m.orderId()) == null
                    ? RejectReason.UNKNOWN_ORDER
                    : (m.reason() == null ? RejectReason.MALFORMED_COMMAND : null);
            case Message.AmendApplied m -> machine.accounts.openOrders.get(m.orderId()) == null ? RejectReason.UNKNOWN_ORDER : null;
        };
    }

    private static RejectReason checkSubmit(Message.SubmitOrder m, ShardStateMachine machine) {
        Market market = machine.markets.market(m.instrumentId());
        if (market == null) {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        boolean wellFormed = m.orderId() > 0 && m.accountId() > 0 && m.accountId() <= Ledger.MAX_OWNER
                && m.side() != null && m.type() != null && m.timeInForce() != null
                && m.lots() > 0 && m.limitPriceTicks() > 0 && (!m.type().hasStopPrice() || m.stopPriceTicks() > 0);
        if (!wellFormed) {
            return RejectReason.MALFORMED_COMMAND;
        }
        boolean known = market.book.find(m.orderId()) != null || market.stops.find(m.orderId()) != null;
        return known ? RejectReason.MALFORMED_COMMAND : null;
    }
}
