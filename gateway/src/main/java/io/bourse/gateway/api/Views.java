package io.bourse.gateway.api;

import io.bourse.client.model.Balance;
import io.bourse.client.model.BookLevel;
import io.bourse.client.model.Candle;
import io.bourse.client.model.Fill;
import io.bourse.client.model.Order;
import io.bourse.client.model.OrderBook;
import io.bourse.client.model.Quote;
import io.bourse.client.model.Trade;
import io.bourse.client.model.Transfer;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.CandleView;
import io.bourse.core.shard.FillView;
import io.bourse.core.shard.MarketStatsView;
import io.bourse.core.shard.OrderView;
import io.bourse.core.shard.TradeView;
import io.bourse.core.shard.TransferView;
import io.bourse.engine.query.AccountView;
import io.bourse.engine.query.BookView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Locale;

/** The engine's views in the API's words: decimal prices, share quantities, lower-case names, ISO times. */
public final class Views {
    private Views() {}

    public static String time(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
    }

    public static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    public static String timeInForce(TimeInForce timeInForce) {
        return switch (timeInForce) {
            case DAY -> "day";
            case GOOD_TILL_CANCELED -> "gtc";
            case IMMEDIATE_OR_CANCEL -> "ioc";
            case FILL_OR_KILL -> "fok";
        };
    }

    /** An account's balances: cash in dollars ("USD"), shares by symbol. */
    public static List<Balance> balances(AccountView account, IntFunction<Instrument> instruments) {
        List<Balance> balances = new ArrayList<>();
        for (AccountView.Balance b : account.balances()) {
            balances.add(b.asset() == Ledger.CASH
                    ? new Balance("USD", Money.cents(b.balance()), Money.cents(b.held()), Money.cents(b.available()))
                    : new Balance(instruments.apply(b.asset()).symbol(), Long.toString(b.balance()), Long.toString(b.held()),
                            Long.toString(b.available())));
        }
        return balances;
    }

    public static io.bourse.client.model.Instrument instrument(Instrument i) {
        return new io.bourse.client.model.Instrument(i.symbol(), Money.cents(i.tickSizeCents()), i.lotSizeShares(),
                Money.price(i, i.referencePriceTicks()), Money.price(i, i.bandLowTicks()), Money.price(i, i.bandHighTicks()),
                Money.cents(i.makerFeeCentsPerLot()), Money.cents(i.takerFeeCentsPerLot()), i.shares(i.maxOrderLots()));
    }

    public static Order order(OrderView o, Instrument i) {
        long filledShares = i.shares(o.filledLots());
        boolean hasLimit = o.type() == OrderType.LIMIT || o.type() == OrderType.STOP_LIMIT;
        return new Order(Long.toString(o.orderId()), o.clientOrderId(), i.symbol(), name(o.side()), name(o.type()),
                timeInForce(o.timeInForce()), name(o.status()), i.shares(o.totalLots()), filledShares,
                hasLimit ? Money.price(i, o.limitPriceTicks()) : null,
                o.type().hasStopPrice() ? Money.price(i, o.stopPriceTicks()) : null,
                Money.perShare(o.filledNotionalCents(), filledShares), Money.cents(o.feesCents()),
                time(o.createdAtMillis()), time(o.updatedAtMillis()), name(o.endReason()));
    }

    public static Fill fill(FillView f, Instrument i) {
        return new Fill(Long.toString(f.fillId()), Long.toString(f.orderId()), i.symbol(), name(f.side()),
                Money.price(i, f.priceTicks()), i.shares(f.lots()), Money.cents(f.feeCents()), f.maker() ? "maker" : "taker",
                time(f.atMillis()));
    }

    /** A deposit or withdrawal: cash as an amount, shares as a symbol and quantity ({@code instruments} names them). */
    public static Transfer transfer(TransferView t, IntFunction<Instrument> instruments) {
        String id = Long.toString(t.transferId());
        String type = t.deposit() ? "deposit" : "withdrawal";
        return t.asset() == Ledger.CASH
                ? new Transfer(id, type, Money.cents(t.amount()), null, null, time(t.atMillis()))
                : new Transfer(id, type, null, instruments.apply(t.asset()).symbol(), t.amount(), time(t.atMillis()));
    }

    public static Trade trade(TradeView t, Instrument i) {
        return new Trade(Long.toString(t.tradeId()), i.symbol(), Money.price(i, t.priceTicks()), i.shares(t.lots()),
                name(t.aggressorSide()), time(t.atMillis()));
    }

    public static Candle candle(CandleView c, Instrument i) {
        return new Candle(time(c.startMillis()), Money.price(i, c.openTicks()), Money.price(i, c.highTicks()),
                Money.price(i, c.lowTicks()), Money.price(i, c.closeTicks()), i.shares(c.volumeLots()));
    }

    public static Quote quote(MarketStatsView s, Instrument i) {
        String change = null;
        String changePercent = null;
        if (s.lastTicks() != 0 && s.previousCloseTicks() != 0) {
            long delta = s.lastTicks() - s.previousCloseTicks();
            change = Money.cents(delta * i.tickSizeCents());
            changePercent = BigDecimal.valueOf(delta * 100).divide(BigDecimal.valueOf(s.previousCloseTicks()), 2, RoundingMode.HALF_EVEN)
                    .toPlainString();
        }
        return new Quote(i.symbol(), Money.price(i, s.lastTicks()), Money.price(i, s.bestBidTicks()), Money.price(i, s.bestAskTicks()),
                Money.price(i, s.previousCloseTicks()), change, changePercent, Money.price(i, s.openTicks()),
                Money.price(i, s.highTicks()), Money.price(i, s.lowTicks()), i.shares(s.volumeLots()), s.sequence(), s.halted());
    }

    public static OrderBook book(BookView b, Instrument i) {
        return new OrderBook(i.symbol(), b.sequence(), levels(b.bids(), i), levels(b.asks(), i));
    }

    private static List<BookLevel> levels(List<BookView.Level> levels, Instrument i) {
        return levels.stream().map(l -> new BookLevel(Money.price(i, l.priceTicks()), i.shares(l.lots()), l.orders())).toList();
    }

    public static Side side(String field, String text) {
        return switch (text == null ? "" : text) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw io.bourse.gateway.http.ApiException.invalid(field, "must be \"buy\" or \"sell\"");
        };
    }

    public static OrderType orderType(String field, String text) {
        return switch (text == null ? "" : text) {
            case "market" -> OrderType.MARKET;
            case "limit" -> OrderType.LIMIT;
            case "stop" -> OrderType.STOP;
            case "stop_limit" -> OrderType.STOP_LIMIT;
            default -> throw io.bourse.gateway.http.ApiException.invalid(field, "must be \"market\", \"limit\", \"stop\" or \"stop_limit\"");
        };
    }

    public static TimeInForce timeInForce(String field, String text) {
        return switch (text) {
            case "day" -> TimeInForce.DAY;
            case "gtc" -> TimeInForce.GOOD_TILL_CANCELED;
            case "ioc" -> TimeInForce.IMMEDIATE_OR_CANCEL;
            case "fok" -> TimeInForce.FILL_OR_KILL;
            default -> throw io.bourse.gateway.http.ApiException.invalid(field, "must be \"day\", \"gtc\", \"ioc\" or \"fok\"");
        };
    }
}
