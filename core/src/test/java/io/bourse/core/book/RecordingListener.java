package io.bourse.core.book;

import io.bourse.core.order.EndReason;
import java.util.ArrayList;
import java.util.List;

/** Records what a book reports, as comparable strings. */
final class RecordingListener implements MatchListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void onTrade(BookOrder maker, long takerOrderId, long takerAccountId, long priceTicks, long lots) {
        events.add("trade maker=" + maker.orderId() + " taker=" + takerOrderId + " price=" + priceTicks + " lots=" + lots
                + " makerOpen=" + maker.openLots());
    }

    @Override
    public void onRestingRemoved(BookOrder order, EndReason reason) {
        events.add("removed " + order.orderId() + " " + reason);
    }

    List<String> drain() {
        List<String> copy = List.copyOf(events);
        events.clear();
        return copy;
    }
}
