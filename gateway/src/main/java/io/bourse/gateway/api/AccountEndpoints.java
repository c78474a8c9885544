package io.bourse.gateway.api;

import io.bourse.client.model.AmountRequest;
import io.bourse.client.model.Portfolio;
import io.bourse.client.model.Position;
import io.bourse.client.model.Transfer;
import io.bourse.client.model.TransferPage;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.MarketStatsView;
import io.bourse.core.shard.PositionView;
import io.bourse.core.shard.Scopes;
import io.bourse.core.shard.TransferView;
import io.bourse.engine.client.CommandAndTransfers;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.query.AccountView;
import io.bourse.gateway.http.ApiRoutes;
import io.bourse.gateway.http.Call;
import io.bourse.gateway.http.Reply;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Balances, money in and out (simulated bank rails), positions and the portfolio. */
public final class AccountEndpoints {
    private final EngineClient engine;
    private final Commands commands;
    private final Markets markets;

    public AccountEndpoints(EngineClient engine, Commands commands, Markets markets) {
        this.engine = engine;
        this.commands = commands;
        this.markets = markets;
    }

    public void register(ApiRoutes api) {
        api.get("/v1/account", Scopes.READ, this::portfolio);
        api.get("/v1/account/balances", Scopes.READ, this::balances);
        api.post("/v1/account/deposits", Scopes.ACCOUNT, call -> transfer(call, true));
        api.post("/v1/account/withdrawals", Scopes.ACCOUNT, call -> transfer(call, false));
        api.get("/v1/account/transfers", Scopes.READ, this::transfers);
        api.get("/v1/positions", Scopes.READ, call -> Reply.ok(positions(engine.account(call.accountId()))));
    }

    private Reply balances(Call call) {
        return Reply.ok(Views.balances(engine.account(call.accountId()), markets::byId));
    }

    private Reply transfer(Call call, boolean deposit) {
        long cents = Money.parseCents("amount", call.body(AmountRequest.class).amount());
        long accountId = call.accountId();
        long transferId = Commands.newId(call, accountId, deposit ? "deposit" : "withdrawal");
        Command command = deposit ? new Command.Deposit(accountId, transferId, Ledger.CASH, cents)
                : new Command.Withdraw(accountId, transferId, Ledger.CASH, cents);
        CommandAndTransfers applied = commands.submitThenReadTransfers(call, accountId, command);
        long id = Rejections.check(applied.result()).id(); // a retry's is the first transfer's
        // As its shard keeps it, with the time it was applied; without the time when it was not read
        // along with the command, or is no longer kept (a retry after 200 newer transfers).
        TransferView transfer = applied.transfers().stream().filter(t -> t.transferId() == id).findFirst()
                .orElse(new TransferView(id, Ledger.CASH, deposit, cents, 0));
        return Reply.created(Views.transfer(transfer, markets::byId));
    }

    private Reply transfers(Call call) {
        int limit = MarketEndpoints.intQuery(call, "limit", 50, 1, 200);
        long before = OrderEndpoints.cursor(call);
        // Kept oldest first; as for fills, the cursor is a position counted from the oldest kept.
        List<TransferView> all = engine.transfers(call.accountId());
        int end = (int) Math.clamp(before, 0, all.size());
        int start = Math.max(0, end - limit);
        List<Transfer> page = new ArrayList<>(end - start);
        for (int i = end - 1; i >= start; i--) {
            page.add(Views.transfer(all.get(i), markets::byId));
        }
        return Reply.ok(new TransferPage(page, start > 0 ? Integer.toString(start) : null));
    }

    private Reply portfolio(Call call) {
        AccountView account = engine.account(call.accountId());
        List<Holding> holdings = holdings(account);
        BigInteger positionsValue = holdings.stream().map(Holding::marketValueCents).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger unrealized = holdings.stream().map(Holding::unrealizedCents).reduce(BigInteger.ZERO, BigInteger::add);
        long realized = holdings.stream().mapToLong(Holding::realizedCents).sum();
        AccountView.Balance cash = account.balance(Ledger.CASH);
        return Reply.ok(new Portfolio(Long.toString(account.accountId()), Money.cents(cash.balance()), Money.cents(cash.held()),
                Money.cents(cash.available()), Money.cents(positionsValue), Money.cents(positionsValue.add(BigInteger.valueOf(cash.balance()))),
                Money.cents(unrealized), Money.cents(realized), holdings.stream().map(Holding::position).toList()));
    }

    private List<Position> positions(AccountView account) {
        return holdings(account).stream().map(Holding::position).toList();
    }

    /**
     * Every instrument the account holds or has traded: quantity from the ledger, cost and realized
     * P&L from the account's shard, valued at the last trade (the reference price before any trade).
     * The prices come in one read per market shard, however many positions there are.
     */
    private List<Holding> holdings(AccountView account) {
        TreeMap<Integer, PositionView> byInstrument = new TreeMap<>();
        Map<Integer, Long> shares = new HashMap<>();
        for (PositionView p : account.positions()) {
            byInstrument.put(p.instrumentId(), p);
        }
        for (AccountView.Balance b : account.balances()) {
            if (b.asset() != Ledger.CASH) {
                byInstrument.putIfAbsent(b.asset(), new PositionView(account.accountId(), b.asset(), 0, 0));
                shares.put(b.asset(), b.balance());
            }
        }
        byInstrument.values().removeIf(p -> shares.getOrDefault(p.instrumentId(), 0L) == 0 && p.realizedPnlCents() == 0);
        Map<Integer, MarketStatsView> quotes = byInstrument.isEmpty() ? Map.of() : engine.quotes(byInstrument.keySet(), true);
        List<Holding> holdings = new ArrayList<>(byInstrument.size());
        for (PositionView p : byInstrument.values()) {
            Instrument instrument = markets.byId(p.instrumentId());
            long lastTicks = quotes.get(p.instrumentId()).lastTicks();
            long priceCents = (lastTicks != 0 ? lastTicks : instrument.referencePriceTicks()) * instrument.tickSizeCents();
            holdings.add(new Holding(instrument, shares.getOrDefault(p.instrumentId(), 0L), p.costBasisCents(), p.realizedPnlCents(),
                    priceCents));
        }
        return holdings;
    }
}
