package io.bourse.gateway.api;

import io.bourse.client.model.CancelAllResult;
import io.bourse.client.model.Fill;
import io.bourse.client.model.FillPage;
import io.bourse.client.model.OrderPage;
import io.bourse.client.model.OrderRequest;
import io.bourse.client.model.Problem;
import io.bourse.client.model.ReplaceRequest;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.RejectReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.FillView;
import io.bourse.core.shard.OrderView;
import io.bourse.core.shard.Scopes;
import io.bourse.engine.client.CommandAndOrder;
import io.bourse.engine.client.EngineClient;
import io.bourse.gateway.http.ApiException;
import io.bourse.gateway.http.ApiRoutes;
import io.bourse.gateway.http.Call;
import io.bourse.gateway.http.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Placing, reading, replacing and canceling orders, and the fills they got. */
public final class OrderEndpoints {
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final String CLIENT_ORDER_ID_RULE = "must be 1 to 64 letters, digits or . _ : -";

    private final EngineClient engine;
    private final Commands commands;
    private final Markets markets;

    public OrderEndpoints(EngineClient engine, Commands commands, Markets markets) {
        this.engine = engine;
        this.commands = commands;
        this.markets = markets;
    }

    public void register(ApiRoutes api) {
        api.post("/v1/orders", Scopes.TRADE, this::place);
        api.get("/v1/orders", Scopes.READ, this::list);
        api.delete("/v1/orders", Scopes.TRADE, this::cancelAll);
        api.get("/v1/orders/{id}", Scopes.READ, this::get);
        api.put("/v1/orders/{id}", Scopes.TRADE, this::replace);
        api.delete("/v1/orders/{id}", Scopes.TRADE, this::cancel);
        api.get("/v1/fills", Scopes.READ, this::fills);
    }

    // ---- placing ----

    private Reply place(Call call) {
        OrderRequest request = call.body(OrderRequest.class);
        List<Problem.FieldError> errors = new ArrayList<>();
        Instrument instrument = field(errors, () -> markets.bySymbol("symbol", request.symbol()));
        Side side = field(errors, () -> Views.side("side", request.side()));
        OrderType type = field(errors, () -> Views.orderType("type", request.type()));
        TimeInForce timeInForce = field(errors, () -> Views.timeInForce("timeInForce",
                request.timeInForce() != null ? request.timeInForce() : "market".equals(request.type()) ? "ioc" : "day"));
        Long quantity = request.quantity();
        if (quantity == null || quantity <= 0) {
            errors.add(new Problem.FieldError("quantity", "must be a positive whole number of shares"));
        }
        Long limitCents = null;
        Long stopCents = null;
        if (type != null) {
            limitCents = priceField(errors, "limitPrice", request.limitPrice(), type.hasLimitPrice());
            stopCents = priceField(errors, "stopPrice", request.stopPrice(), type.hasStopPrice());
        }
        String clientOrderId = request.clientOrderId();
        if (clientOrderId != null && !CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            errors.add(new Problem.FieldError("clientOrderId", CLIENT_ORDER_ID_RULE));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        long accountId = call.accountId();
        if (clientOrderId == null) {
            clientOrderId = "b-" + Long.toString(Commands.newId(call, accountId, "order"), 36);
        }
        boolean postOnly = Boolean.TRUE.equals(request.postOnly());
        Command.PlaceOrder command = new Command.PlaceOrder(accountId, clientOrderId, instrument.id(), side, type, timeInForce,
                limitCents, stopCents, quantity, postOnly);
        CommandResult result = Rejections.checkPlaced(commands.submit(call, accountId, command), command, instrument);
        // Accepted by the account's shard, funds held; the market reports the rest (stream, or GET).
        OrderView placed = new OrderView(result.id(), accountId, clientOrderId, instrument.id(), side, type, timeInForce,
                OrderStatus.PENDING_NEW, limitCents / instrument.tickSizeCents(), stopCents / instrument.tickSizeCents(),
                quantity / instrument.lotSizeShares(), 0, 0, 0, 0, 0, null);
        return Reply.created(Views.order(placed, instrument));
    }

    private interface FieldCheck<T> {
        T get();
    }

    private static <T> T field(List<Problem.FieldError> errors, FieldCheck<T> check) {
        try {
            return check.get();
        } catch (ApiException e) {
            Problem problem = e.problem();
            if (problem.errors() == null) {
                throw e;
            }
            errors.addAll(problem.errors());
            return null;
        }
    }

    private static Long priceField(List<Problem.FieldError> errors, String field, String text, boolean needed) {
        if (!needed) {
            if (text != null) {
                errors.add(new Problem.FieldError(field, "is not used by this order type"));
            }
            return 0L;
        }
        return field(errors, () -> Money.parseCents(field, text));
    }

    // ---- reading ----

    private Reply get(Call call) {
        long orderId = orderId(call);
        OrderView order = findOrder(call.accountId(), orderId)
                .orElseThrow(() -> ApiException.notFound("order " + call.pathParameter("id")));
        return Reply.ok(Views.order(order, markets.byId(order.instrumentId())));
    }

    /** One of the account's orders, open or recently ended; never anyone else's. */
    private Optional<OrderView> findOrder(long accountId, long orderId) {
        return engine.order(accountId, orderId);
    }

    private Reply list(Call call) {
        String status = call.query("status").orElse("all");
        if (!List.of("open", "closed", "all").contains(status)) {
            throw ApiException.invalid("status", "must be \"open\", \"closed\" or \"all\"");
        }
        Optional<Instrument> symbol = call.query("symbol").map(s -> markets.bySymbol("symbol", s));
        Optional<String> clientOrderId = call.query("clientOrderId");
        if (clientOrderId.isPresent() && !CLIENT_ORDER_ID.matcher(clientOrderId.get()).matches()) {
            throw ApiException.invalid("clientOrderId", CLIENT_ORDER_ID_RULE);
        }
        int limit = MarketEndpoints.intQuery(call, "limit", 50, 1, 500);
        long before = cursor(call);
        List<OrderView> orders = new ArrayList<>();
        if (!status.equals("closed")) {
            orders.addAll(engine.account(call.accountId()).openOrders());
        }
        if (!status.equals("open")) {
            orders.addAll(engine.orderHistory(call.accountId()));
        }
        // An account's orders all come from its shard, whose order ids only grow: newest first is id order.
        List<OrderView> page = orders.stream()
                .filter(o -> symbol.isEmpty() || o.instrumentId() == symbol.get().id())
                .filter(o -> clientOrderId.isEmpty() || o.clientOrderId().equals(clientOrderId.get()))
                .filter(o -> o.orderId() < before)
                .sorted(Comparator.comparingLong(OrderView::orderId).reversed())
                .limit(limit + 1L).toList();
        boolean more = page.size() > limit;
        List<OrderView> shown = more ? page.subList(0, limit) : page;
        String next = more ? Long.toString(shown.get(shown.size() - 1).orderId()) : null;
        return Reply.ok(new OrderPage(shown.stream().map(o -> Views.order(o, markets.byId(o.instrumentId()))).toList(), next));
    }

    /** A page's cursor, as {@link #orders} and {@link #fills} give it out; none: from the newest. */
    static long cursor(Call call) {
        String text = call.query("cursor").orElse(null);
        if (text == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API gave out");
        }
    }

    private Reply fills(Call call) {
        Optional<Instrument> symbol = call.query("symbol").map(s -> markets.bySymbol("symbol", s));
        Optional<Long> orderId = call.query("orderId").map(OrderEndpoints::parseOrderId);
        int limit = MarketEndpoints.intQuery(call, "limit", 50, 1, 500);
        long before = cursor(call);
        // Fills are kept oldest first; the cursor is a position counted from the oldest kept.
        List<FillView> all = engine.fills(call.accountId());
        List<Fill> page = new ArrayList<>();
        long nextCursor = -1;
        for (int i = (int) Math.min(all.size(), before) - 1; i >= 0; i--) {
            FillView f = all.get(i);
            if (symbol.isPresent() && f.instrumentId() != symbol.get().id() || orderId.isPresent() && f.orderId() != orderId.get()) {
                continue;
            }
            if (page.size() == limit) {
                nextCursor = i + 1;
                break;
            }
            page.add(Views.fill(f, markets.byId(f.instrumentId())));
        }
        return Reply.ok(new FillPage(page, nextCursor < 0 ? null : Long.toString(nextCursor)));
    }

    // ---- changing ----

    private Reply cancel(Call call) {
        long orderId = orderId(call);
        CommandAndOrder cancelled = commands.submitThenReadOrder(call, call.accountId(), new Command.CancelOrder(call.accountId(), orderId), orderId);
        checkChanged(cancelled);
        return Reply.accepted(cancelled.order().map(o -> Views.order(o, markets.byId(o.instrumentId()))).orElse(null));
    }

    private Reply cancelAll(Call call) {
        int instrumentId = call.query("symbol").map(s -> markets.bySymbol("symbol", s).id()).orElse(0);
        CommandResult result = Rejections.check(commands.submit(call, call.accountId(),
                new Command.CancelAllOrders(call.accountId(), instrumentId)));
        return Reply.accepted(new CancelAllResult((int) result.id()));
    }

    private Reply replace(Call call) {
        long orderId = orderId(call);
        ReplaceRequest request = call.body(ReplaceRequest.class);
        if (request.limitPrice() == null && request.quantity() == null) {
            throw ApiException.invalid("body", "give a new limitPrice, a new quantity, or both");
        }
        long priceCents = request.limitPrice() != null ? Money.parseCents("limitPrice", request.limitPrice()) : Command.AmendOrder.KEEP;
        if (request.quantity() != null && request.quantity() <= 0) {
            throw ApiException.invalid("quantity", "must be a positive whole number of shares");
        }
        long shares = request.quantity() != null ? request.quantity() : Command.AmendOrder.KEEP;
        // What the request leaves out, the order keeps as it is when its shard applies the change:
        // no read first, so one round trip, and no stale price or quantity written back.
        CommandAndOrder amended = commands.submitThenReadOrder(call, call.accountId(),
                new Command.AmendOrder(call.accountId(), orderId, priceCents, shares), orderId);
        checkChanged(amended);
        return Reply.accepted(amended.order().map(o -> Views.order(o, markets.byId(o.instrumentId()))).orElse(null));
    }

    /**
     * Throws the problem for a refused cancel or replacement. An order of the caller's that has
     * ended is refused by its shard as unknown (the shard keeps only open orders), but the caller
     * can see it: the answer says it is no longer open, and how it ended, rather than that it does
     * not exist.
     */
    private static void checkChanged(CommandAndOrder change) {
        CommandResult result = change.result();
        if (result.isRejected() && result.reason() == RejectReason.UNKNOWN_ORDER
                && change.order().filter(order -> !order.isOpen()).isPresent()) {
            String status = Views.name(change.order().get().status());
            throw new ApiException(422, "order-not-open", "Order not open", "the order is already " + status);
        }
        Rejections.check(result);
    }

    private static long orderId(Call call) {
        try {
            return parseOrderId(call.pathParameter("id"));
        } catch (ApiException e) {
            throw ApiException.notFound("order " + call.pathParameter("id"));
        }
    }

    private static long parseOrderId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("orderId", "is not an order id");
    }
}
