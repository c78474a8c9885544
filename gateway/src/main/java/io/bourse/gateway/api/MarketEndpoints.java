package io.bourse.gateway.api;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.shard.CandleInterval;
import io.bourse.core.shard.CandleView;
import io.bourse.core.shard.TradeView;
import io.bourse.engine.client.EngineClient;
import io.bourse.gateway.http.ApiException;
import io.bourse.gateway.http.ApiRoutes;
import io.bourse.gateway.http.Call;
import io.bourse.gateway.http.Reply;
import java.util.List;

/**
 * Public market data: instruments, quotes, depth, trades and candles. Served from whichever
 * replica of the market's shard answers first (market data may lag the leader by a moment).
 */
public final class MarketEndpoints {
    private final EngineClient engine;
    private final Markets markets;

    public MarketEndpoints(EngineClient engine, Markets markets) {
        this.engine = engine;
        this.markets = markets;
    }

    public void register(ApiRoutes api) {
        api.get("/v1/instruments", ApiRoutes.PUBLIC, call -> Reply.ok(markets.all().stream().map(Views::instrument).toList()));
        api.get("/v1/instruments/{symbol}", ApiRoutes.PUBLIC,
                call -> Reply.ok(Views.instrument(markets.bySymbol(call.pathParameter("symbol")))));
        api.get("/v1/quotes", ApiRoutes.PUBLIC, call -> Reply.ok(markets.all().stream()
                .map(i -> Views.quote(engine.quote(i.id(), true), i)).toList()));
        api.get("/v1/markets/{symbol}/quote", ApiRoutes.PUBLIC, call -> {
            Instrument instrument = markets.bySymbol(call.pathParameter("symbol"));
            return Reply.ok(Views.quote(engine.quote(instrument.id(), true), instrument));
        });
        api.get("/v1/markets/{symbol}/book", ApiRoutes.PUBLIC, this::book);
        api.get("/v1/markets/{symbol}/trades", ApiRoutes.PUBLIC, this::trades);
        api.get("/v1/markets/{symbol}/candles", ApiRoutes.PUBLIC, this::candles);
    }

    private Reply book(Call call) {
        Instrument instrument = markets.bySymbol(call.pathParameter("symbol"));
        int depth = intQuery(call, "depth", 20, 1, 500);
        return Reply.ok(Views.book(engine.book(instrument.id(), depth, true), instrument));
    }

    private Reply trades(Call call) {
        Instrument instrument = markets.bySymbol(call.pathParameter("symbol"));
        int limit = intQuery(call, "limit", 50, 1, 100);
        List<TradeView> trades = engine.recentTrades(instrument.id(), true);
        return Reply.ok(newestFirst(trades, limit).stream().map(t -> Views.trade(t, instrument)).toList());
    }

    private Reply candles(Call call) {
        Instrument instrument = markets.bySymbol(call.pathParameter("symbol"));
        String label = call.query("interval").orElse("1m");
        CandleInterval interval = CandleInterval.ofLabel(label);
        if (interval == null) {
            throw ApiException.invalid("interval", "must be one of 1m, 5m, 1h, 1d");
        }
        int limit = intQuery(call, "limit", 200, 1, 500);
        List<CandleView> candles = engine.candles(instrument.id(), interval, true);
        List<CandleView> last = candles.subList(Math.max(0, candles.size() - limit), candles.size());
        return Reply.ok(last.stream().map(c -> Views.candle(c, instrument)).toList());
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst, int limit) {
        List<T> reversed = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(reversed);
        return reversed.subList(0, Math.min(limit, reversed.size()));
    }

    static int intQuery(Call call, String name, int defaultValue, int min, int max) {
        String text = call.query(name).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(name, "must be a whole number from " + min + " to " + max);
    }
}
