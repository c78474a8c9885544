package io.bourse.core.shard;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.ledger.Transfer;
import io.bourse.core.ledger.TransferResult;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.RejectReason;
import io.bourse.core.order.Side;
import io.bourse.core.shard.Command.AmendOrder;
import io.bourse.core.shard.Command.CancelAllOrders;
import io.bourse.core.shard.Command.CancelOrder;
import io.bourse.core.shard.Command.Deposit;
import io.bourse.core.shard.Command.PlaceOrder;
import io.bourse.core.shard.Command.Withdraw;
import io.bourse.core.shard.Message.AmendApplied;
import io.bourse.core.shard.Message.OrderAccepted;
import io.bourse.core.shard.Message.OrderEnded;
import io.bourse.core.shard.Message.OrderFilled;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The account side of a shard: cash and share balances, holds, and the orders of the accounts
 * whose slots this shard owns. Validates and funds orders before any market sees them, and
 * settles the fills the markets report.
 */
final class Accounts {
    /** Ended orders' ids are kept as {@link PackedText}, which takes this many ASCII characters at most. */
    private static final int MAX_CLIENT_ORDER_ID_LENGTH = PackedText.MAX_LENGTH;

    private final ShardContext shard;
    final Long2ObjectHashMap<AccountOrder> openOrders = new Long2ObjectHashMap<>();
    /** Each account's open orders, oldest first: reads and cancel-all touch one account's orders, not the shard's. */
    private final Long2ObjectHashMap<ArrayList<AccountOrder>> openOrdersByAccount = new Long2ObjectHashMap<>();
    final ClientOrderIndex clientOrders;
    final AccountHistory history;
    long orderSequence;

    Accounts(ShardContext shard) {
        this.shard = shard;
        this.history = new AccountHistory(shard.limits);
        this.clientOrders = new ClientOrderIndex(shard.limits.retention());
    }

    // ---- money in and out ----

    CommandResult deposit(Deposit deposit) {
        RejectReason problem = checkTransfer(deposit.accountId(), deposit.asset(), deposit.amount());
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        Transfer transfer = Transfer.posted(deposit.transferId(), Ledger.OUTSIDE_WORLD, deposit.accountId(), deposit.asset(), deposit.amount());
        CommandResult result = transferResult(shard.ledger.execute(transfer, shard.logTimeMillis), deposit.transferId());
        if (result.outcome() == Outcome.ACCEPTED) {
            history.transferred(deposit.accountId(), new TransferView(deposit.transferId(), deposit.asset(), true, deposit.amount(),
                    shard.logTimeMillis));
        }
        return result;
    }

    CommandResult withdraw(Withdraw withdraw) {
        RejectReason problem = checkTransfer(withdraw.accountId(), withdraw.asset(), withdraw.amount());
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        Transfer transfer = Transfer.posted(withdraw.transferId(), withdraw.accountId(), Ledger.OUTSIDE_WORLD, withdraw.asset(), withdraw.amount());
        long sharesBefore = shard.ledger.balance(withdraw.accountId(), withdraw.asset());
        CommandResult result = transferResult(shard.ledger.execute(transfer, shard.logTimeMillis), withdraw.transferId());
        if (result.outcome() == Outcome.ACCEPTED) {
            history.transferred(withdraw.accountId(), new TransferView(withdraw.transferId(), withdraw.asset(), false, withdraw.amount(),
                    shard.logTimeMillis));
            if (withdraw.asset() != Ledger.CASH) {
                history.withdrawn(withdraw.accountId(), withdraw.asset(), sharesBefore, withdraw.amount());
            }
        }
        return result;
    }

    private RejectReason checkTransfer(long accountId, int asset, long amount) {
        RejectReason problem = checkAccount(accountId);
        if (problem != null) {
            return problem;
        }
        if (asset != Ledger.CASH && !shard.instruments.containsKey(asset)) {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (amount <= 0 || amount > Ledger.MAX_AMOUNT) {
            return RejectReason.INVALID_AMOUNT;
        }
        return null;
    }

    private static CommandResult transferResult(TransferResult result, long transferId) {
        return switch (result) {
            case OK -> CommandResult.accepted(transferId);
            case ALREADY_APPLIED -> CommandResult.duplicate(transferId);
            case ID_REUSED_WITH_DIFFERENT_PAYLOAD -> CommandResult.rejected(RejectReason.TRANSFER_ID_REUSED);
            case INSUFFICIENT_FUNDS -> CommandResult.rejected(RejectReason.INSUFFICIENT_FUNDS);
            case JOURNAL_FULL -> CommandResult.rejected(RejectReason.LIMIT_REACHED);
            case INVALID_AMOUNT -> CommandResult.rejected(RejectReason.INVALID_AMOUNT);
            case INFLOW_LIMIT -> CommandResult.rejected(RejectReason.DEPOSIT_LIMIT_REACHED);
            case INVALID_ACCOUNT, SAME_ACCOUNT -> CommandResult.rejected(RejectReason.INVALID_ACCOUNT);
            case HOLD_ID_IN_USE, UNKNOWN_HOLD, EXCEEDS_HOLD ->
                    throw new IllegalStateException("posted transfer answered " + result);
        };
    }

    RejectReason checkAccount(long accountId) {
        if (accountId <= 0 || accountId > Ledger.MAX_OWNER) {
            return RejectReason.INVALID_ACCOUNT;
        }
        return shard.ownsAccount(accountId) ? null : RejectReason.WRONG_SHARD;
    }

    // ---- placing ----

    CommandResult place(PlaceOrder request) {
        RejectReason problem = checkAccount(request.accountId());
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        if (!isValidClientOrderId(request.clientOrderId())) {
            return CommandResult.rejected(RejectReason.INVALID_CLIENT_ORDER_ID);
        }
        ClientOrderIndex.Entry earlier = clientOrders.find(request.accountId(), request.clientOrderId());
        if (earlier != null) {
            return earlier.request.equals(request)
                    ? CommandResult.duplicate(earlier.orderId)
                    : CommandResult.rejected(RejectReason.CLIENT_ORDER_ID_REUSED);
        }
        Instrument instrument = shard.instruments.get(request.instrumentId());
        if (instrument == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_INSTRUMENT);
        }
        problem = OrderRules.check(request, instrument);
        if (problem == null) {
            problem = checkCapacity(request.accountId(), shard.routing.marketShard(instrument.id()));
        }
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        long lots = request.quantityShares() / instrument.lotSizeShares();
        long limitPriceTicks = OrderRules.protectionPriceTicks(request, instrument);
        long orderId = ((long) shard.shardId << 40) | (orderSequence + 1);
        problem = holdFor(orderId, request.accountId(), request.side(), instrument, limitPriceTicks, lots);
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        orderSequence++;
        long stopPriceTicks = request.stopPriceCents() / instrument.tickSizeCents();
        AccountOrder order = new AccountOrder(orderId, request.accountId(), request.clientOrderId(), instrument.id(),
                request.side(), request.type(), request.timeInForce(), limitPriceTicks, stopPriceTicks, lots, request.postOnly());
        order.createdAtMillis = shard.logTimeMillis;
        order.hold = shard.ledger.openHold(orderId);
        addOpen(order);
        order.clientOrderEntry = clientOrders.add(request, orderId);
        publish(order, null);
        shard.send(shard.routing.marketShard(instrument.id()), new Message.SubmitOrder(orderId, order.accountId,
                order.instrumentId, order.side, order.type, order.timeInForce, limitPriceTicks, stopPriceTicks, lots,
                order.postOnly));
        return CommandResult.accepted(orderId);
    }

    /**
     * 1 to 64 of {@code A-Z a-z 0-9 . _ : -}. Checked by hand: a regular expression here was 3 % of
     * the shard's time, on every placement.
     */
    static boolean isValidClientOrderId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_CLIENT_ORDER_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private RejectReason checkCapacity(long accountId, int marketShard) {
        if (openOrdersOf(accountId).size() >= shard.limits.maxOpenOrdersPerAccount()) {
            return RejectReason.TOO_MANY_OPEN_ORDERS;
        }
        if (openOrders.size() >= shard.limits.maxOpenOrders() || clientOrders.isFull(shard.logTimeMillis)) {
            return RejectReason.LIMIT_REACHED;
        }
        return shard.canSendTo(marketShard) ? null : RejectReason.OVERLOADED;
    }

    private RejectReason holdFor(long orderId, long accountId, Side side, Instrument instrument, long limitPriceTicks, long lots) {
        if (side == Side.BUY) {
            TransferResult held = shard.ledger.hold(orderId, accountId, Ledger.CLEARING, Ledger.CASH,
                    instrument.buyHoldCents(limitPriceTicks, lots));
            return held == TransferResult.OK ? null : RejectReason.INSUFFICIENT_BUYING_POWER;
        }
        TransferResult held = shard.ledger.hold(orderId, accountId, Ledger.CLEARING, instrument.id(), instrument.shares(lots));
        return held == TransferResult.OK ? null : RejectReason.INSUFFICIENT_SHARES;
    }

    // ---- canceling and amending ----

    CommandResult cancel(CancelOrder request) {
        RejectReason problem = checkAccount(request.accountId());
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        AccountOrder order = ownedOpenOrder(request.accountId(), request.orderId());
        if (order == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_ORDER);
        }
        shard.send(shard.routing.marketShard(order.instrumentId), new Message.CancelRequest(order.orderId, order.instrumentId));
        return CommandResult.accepted(order.orderId);
    }

    /** Asks the markets to cancel every open order of the account (in one instrument, unless 0); answers how many. */
    CommandResult cancelAll(CancelAllOrders request) {
        RejectReason problem = checkAccount(request.accountId());
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        if (request.instrumentId() != 0 && !shard.instruments.containsKey(request.instrumentId())) {
            return CommandResult.rejected(RejectReason.UNKNOWN_INSTRUMENT);
        }
        long[] orderIds = openOrdersOf(request.accountId()).stream()
                .filter(o -> request.instrumentId() == 0 || o.instrumentId == request.instrumentId())
                .mapToLong(o -> o.orderId).toArray();
        for (long orderId : orderIds) {
            AccountOrder order = openOrders.get(orderId);
            shard.send(shard.routing.marketShard(order.instrumentId), new Message.CancelRequest(orderId, order.instrumentId));
        }
        return CommandResult.accepted(orderIds.length);
    }

    CommandResult amend(AmendOrder request) {
        RejectReason problem = checkAccount(request.accountId());
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        AccountOrder order = ownedOpenOrder(request.accountId(), request.orderId());
        if (order == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_ORDER);
        }
        Instrument instrument = shard.instruments.get(order.instrumentId);
        AmendOrder amend = OrderRules.keepingWhatIsUnnamed(request, order, instrument);
        problem = OrderRules.checkAmend(amend, order, instrument);
        if (problem == null && !shard.canSendTo(shard.routing.marketShard(order.instrumentId))) {
            problem = RejectReason.OVERLOADED;
        }
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        long newPriceTicks = amend.newLimitPriceCents() / instrument.tickSizeCents();
        long newTotalLots = amend.newQuantityShares() / instrument.lotSizeShares();
        // Grow the hold now, before the book can fill at the new price; shrink it only once the
        // book confirms, since fills at the old terms may still be on their way.
        long needed = holdNeeded(order, instrument, newPriceTicks, newTotalLots - order.filledLots);
        if (shard.ledger.growHold(order.hold, needed) != TransferResult.OK) {
            return CommandResult.rejected(order.side == Side.BUY ? RejectReason.INSUFFICIENT_BUYING_POWER : RejectReason.INSUFFICIENT_SHARES);
        }
        order.amendInFlight = true;
        shard.send(shard.routing.marketShard(order.instrumentId),
                new Message.AmendRequest(order.orderId, order.instrumentId, newPriceTicks, newTotalLots));
        return CommandResult.accepted(order.orderId);
    }

    private AccountOrder ownedOpenOrder(long accountId, long orderId) {
        AccountOrder order = openOrders.get(orderId);
        // Someone else's order answers exactly like a missing one: existence is not disclosed.
        return order == null || order.accountId != accountId ? null : order;
    }

    private static long holdNeeded(AccountOrder order, Instrument instrument, long priceTicks, long openLots) {
        return order.side == Side.BUY ? instrument.buyHoldCents(priceTicks, openLots) : instrument.shares(openLots);
    }

    // ---- what the markets report ----

    void onAccepted(OrderAccepted message) {
        AccountOrder order = openOrders.get(message.orderId());
        if (order != null && order.status == OrderStatus.PENDING_NEW) {
            order.status = order.status.transitionTo(OrderStatus.NEW);
            publish(order, null);
        }
    }

    void onFilled(OrderFilled fill) {
        AccountOrder order = requireOpen(fill.orderId());
        Instrument instrument = shard.instruments.get(order.instrumentId);
        if (fill.lots() > order.openLots()) {
            throw new IllegalStateException("fill " + fill.fillId() + " of " + fill.lots() + " lots exceeds open " + order.openLots());
        }
        long notionalCents = instrument.notionalCents(fill.priceTicks(), fill.lots());
        long feeCents = instrument.feeCents(fill.lots(), fill.maker());
        if (order.side == Side.BUY) {
            settleBuy(order, instrument, fill.lots(), notionalCents, feeCents);
        } else {
            settleSell(order, instrument, fill.lots(), notionalCents, feeCents);
        }
        order.filledLots += fill.lots();
        order.filledNotionalCents += notionalCents;
        order.feesCents += feeCents;
        history.filled(order.accountId, new FillView(fill.fillId(), order.orderId, order.instrumentId, order.side,
                fill.priceTicks(), fill.lots(), notionalCents, feeCents, fill.maker(), shard.logTimeMillis));
        if (shard.events.wanted()) {
            shard.events.accept(new ShardEvent.OrderFilled(order.accountId, order.orderId, fill.fillId(), order.instrumentId,
                    order.side, fill.priceTicks(), fill.lots(), feeCents, fill.maker(), shard.logTimeMillis));
        }
        if (order.openLots() == 0) {
            close(order, EndReason.FILLED);
        } else {
            order.status = order.status.transitionTo(OrderStatus.PARTIALLY_FILLED);
            publish(order, null);
        }
    }

    /** The buyer pays price and fee out of the hold into clearing; clearing pays the fee onward and delivers the shares. */
    private void settleBuy(AccountOrder order, Instrument instrument, long lots, long notionalCents, long feeCents) {
        Ledger ledger = shard.ledger;
        require(ledger.post(order.hold, notionalCents + feeCents), order);
        if (feeCents > 0) {
            require(ledger.move(Ledger.CLEARING, Ledger.FEE_REVENUE, Ledger.CASH, feeCents), order);
        }
        require(ledger.move(Ledger.CLEARING, order.accountId, instrument.id(), instrument.shares(lots)), order);
        history.bought(order.accountId, instrument.id(), notionalCents + feeCents);
    }

    /** The seller delivers shares out of the hold into clearing; clearing pays the price; the seller pays the fee. */
    private void settleSell(AccountOrder order, Instrument instrument, long lots, long notionalCents, long feeCents) {
        Ledger ledger = shard.ledger;
        long sharesBefore = ledger.balance(order.accountId, instrument.id());
        require(ledger.post(order.hold, instrument.shares(lots)), order);
        history.sold(order.accountId, instrument.id(), sharesBefore, instrument.shares(lots), notionalCents - feeCents);
        require(ledger.move(Ledger.CLEARING, order.accountId, Ledger.CASH, notionalCents), order);
        if (feeCents > 0) {
            require(ledger.move(order.accountId, Ledger.FEE_REVENUE, Ledger.CASH, feeCents), order);
        }
    }

    private static void require(TransferResult result, AccountOrder order) {
        if (result != TransferResult.OK) {
            throw new IllegalStateException("settling order " + order.orderId + " failed: " + result);
        }
    }

    void onEnded(OrderEnded message) {
        close(requireOpen(message.orderId()), message.reason());
    }

    void onAmendApplied(AmendApplied message) {
        AccountOrder order = requireOpen(message.orderId());
        order.amendInFlight = false;
        if (message.accepted()) {
            order.limitPriceTicks = message.priceTicks();
            order.totalLots = message.totalLots();
        }
        if (message.filledLots() != order.filledLots) {
            throw new IllegalStateException("order " + order.orderId + " filled " + order.filledLots + " here, "
                    + message.filledLots() + " at the book");
        }
        Instrument instrument = shard.instruments.get(order.instrumentId);
        require(shard.ledger.resizeHold(order.hold, holdNeeded(order, instrument, order.limitPriceTicks, order.openLots())), order);
        publish(order, null);
    }

    private AccountOrder requireOpen(long orderId) {
        AccountOrder order = openOrders.get(orderId);
        if (order == null) {
            throw new IllegalStateException("market reported on order " + orderId + ", which is not open here");
        }
        return order;
    }

    private void close(AccountOrder order, EndReason reason) {
        shard.ledger.release(order.orderId);
        openOrders.remove(order.orderId);
        ArrayList<AccountOrder> ofAccount = openOrdersByAccount.get(order.accountId);
        ofAccount.remove(order);
        if (ofAccount.isEmpty()) {
            openOrdersByAccount.remove(order.accountId);
        }
        clientOrders.orderEnded(order.clientOrderEntry, shard.logTimeMillis);
        order.status = order.status.transitionTo(reason.finalStatus());
        publish(order, reason);
        history.orderEnded(OrderView.of(order, reason));
    }

    private void publish(AccountOrder order, EndReason reason) {
        order.updatedAtMillis = shard.logTimeMillis;
        if (shard.events.wanted()) {
            shard.events.accept(new ShardEvent.OrderUpdated(order.accountId, order.orderId, order.clientOrderId,
                    order.instrumentId, order.side, order.status, order.limitPriceTicks, order.totalLots, order.filledLots,
                    reason, shard.logTimeMillis));
        }
    }

    private void addOpen(AccountOrder order) {
        openOrders.put(order.orderId, order);
        ArrayList<AccountOrder> ofAccount = openOrdersByAccount.get(order.accountId);
        if (ofAccount == null) {
            ofAccount = new ArrayList<>();
            openOrdersByAccount.put(order.accountId, ofAccount);
        }
        // Order ids only grow, and snapshots restore in id order: the list stays oldest first.
        ofAccount.add(order);
    }

    /** An account's open orders, oldest first (empty when it has none). */
    List<AccountOrder> openOrdersOf(long accountId) {
        ArrayList<AccountOrder> ofAccount = openOrdersByAccount.get(accountId);
        return ofAccount == null ? List.of() : ofAccount;
    }

    /** Used when restoring a snapshot. */
    void restoreOpen(AccountOrder order, PlaceOrder request) {
        order.hold = shard.ledger.openHold(order.orderId);
        addOpen(order);
        order.clientOrderEntry = clientOrders.add(request, order.orderId);
    }
}
