package io.bourse.core.shard;

import io.bourse.core.book.OrderBook;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command.AcknowledgeDelivery;
import io.bourse.core.shard.Command.AddCredential;
import io.bourse.core.shard.Command.AmendOrder;
import io.bourse.core.shard.Command.AssignSlots;
import io.bourse.core.shard.Command.CancelAllOrders;
import io.bourse.core.shard.Command.CancelOrder;
import io.bourse.core.shard.Command.ChangePassword;
import io.bourse.core.shard.Command.DefineInstrument;
import io.bourse.core.shard.Command.Deliver;
import io.bourse.core.shard.Command.Deposit;
import io.bourse.core.shard.Command.EndTradingDay;
import io.bourse.core.shard.Command.HaltTrading;
import io.bourse.core.shard.Command.Idempotent;
import io.bourse.core.shard.Command.PlaceOrder;
import io.bourse.core.shard.Command.RegisterUser;
import io.bourse.core.shard.Command.RevokeCredential;
import io.bourse.core.shard.Command.SetReferencePrice;
import io.bourse.core.shard.Command.Withdraw;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's trading state, as a pure deterministic state machine:
 * {@code (state, logTime, command) → (state', result, events, outbound messages)}.
 *
 * <p>No clocks, no randomness, no I/O, no threads; nothing depends on hash-map iteration order.
 * Replaying the same commands from the same snapshot gives the same state, byte for byte
 * ({@link #stateHash()}). Bad input is a rejection that changes nothing. A broken invariant is a
 * bug and throws {@link IllegalStateException}: the replica must stop rather than diverge.
 *
 * <p>A shard holds the accounts of the slots assigned to it and the books of the instruments
 * assigned to it; the two sides talk only through {@link Message}s, whether or not they share a shard.
 */
public final class ShardStateMachine {
    public static final int MAX_SHARD_ID = 65_535;
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    final ShardContext shard;
    final Accounts accounts;
    final Markets markets;
    final Users users;
    final IdempotencyKeys idempotencyKeys;

    public ShardStateMachine(int shardId, ShardLimits limits, ShardEvent.Sink events) {
        if (shardId < 0 || shardId > MAX_SHARD_ID) {
            throw new IllegalArgumentException("shard id " + shardId + " outside 0.." + MAX_SHARD_ID);
        }
        this.shard = new ShardContext(shardId, limits, events);
        this.accounts = new Accounts(shard);
        this.markets = new Markets(shard);
        this.users = new Users(shard);
        this.idempotencyKeys = new IdempotencyKeys(limits.retention());
    }

    public int shardId() {
        return shard.shardId;
    }

    public long logTimeMillis() {
        return shard.logTimeMillis;
    }

    /** Applies one command at the given log time (which never goes backwards: an earlier time counts as the latest seen). */
    public CommandResult apply(long logTimeMillis, Command command) {
        shard.logTimeMillis = Math.max(shard.logTimeMillis, logTimeMillis);
        if (command == null) {
            return CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        CommandResult result = switch (command) {
            case DefineInstrument c -> defineInstrument(c);
            case SetReferencePrice c -> setReferencePrice(c);
            case AssignSlots c -> assignSlots(c);
            case EndTradingDay c -> markets.endDay(c.day());
            case HaltTrading c -> haltTrading(c);
            case Deliver c -> deliver(c);
            case AcknowledgeDelivery c -> acknowledge(c);
            case Idempotent c -> idempotent(c);
            default -> customer(command);
        };
        while (shard.channels.hasLocal()) {
            dispatch(shard.channels.nextLocal(), shard.shardId);
        }
        return result;
    }

    private CommandResult customer(Command command) {
        return switch (command) {
            case Deposit c -> accounts.deposit(c);
            case Withdraw c -> accounts.withdraw(c);
            case PlaceOrder c -> accounts.place(c);
            case CancelOrder c -> accounts.cancel(c);
            case AmendOrder c -> accounts.amend(c);
            case CancelAllOrders c -> accounts.cancelAll(c);
            case RegisterUser c -> users.register(c, accounts.checkAccount(c.accountId()));
            case AddCredential c -> users.addCredential(c, accounts.checkAccount(c.accountId()));
            case RevokeCredential c -> users.revokeCredential(c, accounts.checkAccount(c.accountId()));
            case ChangePassword c -> users.changePassword(c, accounts.checkAccount(c.accountId()));
            default -> throw new IllegalArgumentException(command + " is not a customer command");
        };
    }

    // ---- idempotency keys ----

    private CommandResult idempotent(Idempotent command) {
        RejectReason problem = accounts.checkAccount(command.accountId());
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        if (!isValidIdempotencyKey(command.key())) {
            return CommandResult.rejected(RejectReason.INVALID_IDEMPOTENCY_KEY);
        }
        Command inner = command.command();
        if (inner instanceof Idempotent || Command.accountOf(inner) != command.accountId()) {
            return CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        KeyDigest key = KeyDigest.of(command.key());
        IdempotencyKeys.Entry earlier = idempotencyKeys.find(command.accountId(), key);
        if (earlier != null) {
            return earlier.fingerprint() == command.fingerprint()
                    ? earlier.result() : CommandResult.rejected(RejectReason.IDEMPOTENCY_KEY_REUSED);
        }
        if (idempotencyKeys.isFull(shard.logTimeMillis)) {
            return CommandResult.rejected(RejectReason.LIMIT_REACHED);
        }
        CommandResult result = customer(command.command());
        if (!isTransient(result)) {
            idempotencyKeys.remember(new IdempotencyKeys.Entry(command.accountId(), key, command.fingerprint(),
                    result, shard.logTimeMillis));
        }
        return result;
    }

    /**
     * 1 to 128 characters of visible ASCII, as HTTP headers carry them. Checked by hand, as client
     * order ids are: a regular expression on every keyed command costs more than the check.
     */
    static boolean isValidIdempotencyKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Rejections that say "not now" rather than "no": a retry under the same key may succeed, so they are not remembered. */
    private static boolean isTransient(CommandResult result) {
        return result.isRejected() && switch (result.reason()) {
            case OVERLOADED, LIMIT_REACHED, WRONG_SHARD -> true;
            default -> false;
        };
    }

    // ---- administration ----

    private CommandResult defineInstrument(DefineInstrument command) {
        Instrument instrument = command.instrument();
        if (instrument == null) {
            return CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        RejectReason problem = instrument.problem();
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        if (!isShardId(command.marketShard())) {
            return CommandResult.rejected(RejectReason.UNKNOWN_SHARD);
        }
        Instrument existing = shard.instruments.get(instrument.id());
        if (existing != null) {
            boolean same = existing.equals(instrument) && shard.routing.marketShard(instrument.id()) == command.marketShard();
            return same ? CommandResult.duplicate(instrument.id()) : CommandResult.rejected(RejectReason.INSTRUMENT_ALREADY_DEFINED);
        }
        shard.instruments.put(instrument.id(), instrument);
        shard.routing.assignMarket(instrument.id(), command.marketShard());
        if (command.marketShard() == shard.shardId) {
            markets.open(instrument.id());
        }
        return CommandResult.accepted(instrument.id());
    }

    private CommandResult setReferencePrice(SetReferencePrice command) {
        Instrument instrument = shard.instruments.get(command.instrumentId());
        if (instrument == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_INSTRUMENT);
        }
        Instrument moved = instrument.withReferencePrice(command.referencePriceTicks());
        if (moved.problem() != null) {
            return CommandResult.rejected(RejectReason.INVALID_PRICE);
        }
        shard.instruments.put(instrument.id(), moved);
        return CommandResult.accepted(instrument.id());
    }

    private CommandResult assignSlots(AssignSlots command) {
        boolean valid = command.firstSlot() >= 0 && command.firstSlot() <= command.lastSlot()
                && command.lastSlot() < Routing.SLOT_COUNT;
        if (!valid) {
            return CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        if (!isShardId(command.shard())) {
            return CommandResult.rejected(RejectReason.UNKNOWN_SHARD);
        }
        shard.routing.assignSlots(command.firstSlot(), command.lastSlot(), command.shard());
        return CommandResult.ACCEPTED;
    }

    private CommandResult haltTrading(HaltTrading command) {
        Market market = markets.market(command.instrumentId());
        if (market == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_INSTRUMENT);
        }
        market.halted = command.halted();
        return CommandResult.accepted(command.instrumentId());
    }

    // ---- messages between shards ----

    private CommandResult deliver(Deliver command) {
        if (!isShardId(command.sourceShard()) || command.sourceShard() == shard.shardId || command.message() == null) {
            return CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        long last = shard.channels.lastApplied(command.sourceShard());
        if (command.sequence() <= last) {
            return CommandResult.duplicate(command.sequence());
        }
        if (command.sequence() != last + 1) {
            return CommandResult.rejected(RejectReason.MESSAGE_OUT_OF_ORDER);
        }
        RejectReason problem = IncomingMessageCheck.check(command.message(), this);
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        shard.channels.markApplied(command.sourceShard(), command.sequence());
        dispatch(command.message(), command.sourceShard());
        return CommandResult.accepted(command.sequence());
    }

    private CommandResult acknowledge(AcknowledgeDelivery command) {
        Outbox outbox = isShardId(command.destinationShard()) ? shard.channels.existingOutbox(command.destinationShard()) : null;
        if (outbox == null || command.sequence() >= outbox.nextSequence()) {
            return CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        outbox.acknowledge(command.sequence());
        return CommandResult.ACCEPTED;
    }

    private void dispatch(Message message, int sourceShard) {
        switch (message) {
            case Message.SubmitOrder m -> markets.market(m.instrumentId()).submit(m, sourceShard);
            case Message.CancelRequest m -> markets.market(m.instrumentId()).cancel(m.orderId());
            case Message.AmendRequest m -> markets.market(m.instrumentId()).amend(m);
            case Message.OrderAccepted m -> accounts.onAccepted(m);
            case Message.OrderFilled m -> accounts.onFilled(m);
            case Message.OrderEnded m -> accounts.onEnded(m);
            case Message.AmendApplied m -> accounts.onAmendApplied(m);
        }
    }

    private static boolean isShardId(int shardId) {
        return shardId >= 0 && shardId <= MAX_SHARD_ID;
    }

    // ---- reads ----

    public long balance(long owner, int asset) {
        return shard.ledger.balance(owner, asset);
    }

    public long held(long owner, int asset) {
        return shard.ledger.held(owner, asset);
    }

    public long available(long owner, int asset) {
        return shard.ledger.available(owner, asset);
    }

    /** The assets (cash is 0) an owner has an account in, ascending; most may be at zero. */
    public int[] assetsOf(long owner) {
        return shard.ledger.assetsOf(owner);
    }

    /** Read access to this shard's ledger, for audits. */
    public Ledger ledger() {
        return shard.ledger;
    }

    public Instrument instrument(int instrumentId) {
        return shard.instruments.get(instrumentId);
    }

    /** The ids of every instrument this shard knows, ascending. */
    public int[] instrumentIds() {
        return shard.instruments.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The shard that owns an account, as this shard's routing table says (-1 when unassigned). */
    public int shardOfAccount(long accountId) {
        return shard.routing.shardOfAccount(accountId);
    }

    /** The shard an account slot belongs to, as this shard's routing table says (-1 when unassigned). */
    public int shardOfSlot(int slot) {
        return shard.routing.shardOfSlot(slot);
    }

    /** The shard holding an instrument's book, as this shard's routing table says (-1 when unknown). */
    public int marketShardOf(int instrumentId) {
        return shard.routing.marketShard(instrumentId);
    }

    public static final int SLOT_COUNT = Routing.SLOT_COUNT;

    public static int slotOf(long accountId) {
        return Routing.slotOf(accountId);
    }

    /** An open order of an account on this shard, or null when it is not open here. */
    public OrderView openOrder(long orderId) {
        AccountOrder order = accounts.openOrders.get(orderId);
        return order == null ? null : OrderView.of(order, null);
    }

    /**
     * One of an account's orders, open or recently ended (see {@link ShardLimits#endedOrdersPerAccount()}),
     * or null when the account has no such order here: another account's order is never returned.
     */
    public OrderView order(long accountId, long orderId) {
        AccountOrder open = accounts.openOrders.get(orderId);
        if (open != null) {
            return open.accountId == accountId ? OrderView.of(open, null) : null;
        }
        return accounts.history.endedOrder(accountId, orderId);
    }

    /** Every open order of one account, oldest first. */
    public List<OrderView> openOrders(long accountId) {
        List<AccountOrder> orders = accounts.openOrdersOf(accountId);
        List<OrderView> views = new ArrayList<>(orders.size());
        for (AccountOrder order : orders) {
            views.add(OrderView.of(order, null));
        }
        return views;
    }

    /** An account's recently ended orders, oldest first (bounded: see {@link ShardLimits#endedOrdersPerAccount()}). */
    public List<OrderView> endedOrders(long accountId) {
        return accounts.history.endedOrders(accountId);
    }

    /** An account's recent fills, oldest first (bounded: see {@link ShardLimits#fillsPerAccount()}). */
    public List<FillView> fills(long accountId) {
        return accounts.history.fills(accountId);
    }

    /** An account's recent deposits and withdrawals, oldest first (bounded: see {@link ShardLimits#transfersPerAccount()}). */
    public List<TransferView> transfers(long accountId) {
        return accounts.history.transfers(accountId);
    }

    /** The cost basis and realized P&L of each instrument an account has traded, by instrument id. */
    public List<PositionView> positions(long accountId) {
        return accounts.history.positions(accountId);
    }

    /** The user owning an account on this shard, or null. */
    public UserView user(long accountId) {
        Users.User user = users.byAccount.get(accountId);
        return user == null ? null : user.view();
    }

    /** The quote and day figures of an instrument whose book is on this shard, or null. */
    public MarketStatsView marketStats(int instrumentId) {
        Market market = markets.market(instrumentId);
        if (market == null) {
            return null;
        }
        MarketData data = market.data;
        long previousClose = data.previousCloseTicks != 0 ? data.previousCloseTicks
                : shard.instruments.get(instrumentId).referencePriceTicks();
        return new MarketStatsView(instrumentId, market.lastTradeTicks, previousClose, data.openTicks, data.highTicks,
                data.lowTicks, data.volumeLots, data.tradeCount, market.book.bestBidTicks(), market.book.bestAskTicks(),
                market.marketDataSequence, market.halted);
    }

    /** An instrument's recent trades, oldest first; empty when its book is not on this shard. */
    public List<TradeView> recentTrades(int instrumentId) {
        Market market = markets.market(instrumentId);
        return market == null ? List.of() : List.copyOf(market.data.recentTrades);
    }

    /** An instrument's candles of one interval, oldest first; empty when its book is not on this shard. */
    public List<CandleView> candles(int instrumentId, CandleInterval interval) {
        Market market = markets.market(instrumentId);
        return market == null ? List.of() : market.data.candles(interval);
    }

    /** An instrument's market-data sequence: the number of trades and depth changes published so far. */
    public long marketDataSequence(int instrumentId) {
        Market market = markets.market(instrumentId);
        return market == null ? 0 : market.marketDataSequence;
    }

    public int openOrderCount() {
        return accounts.openOrders.size();
    }

    /** The book of an instrument held on this shard, read-only by convention; null if its book is elsewhere. */
    public OrderBook book(int instrumentId) {
        Market market = markets.market(instrumentId);
        return market == null ? null : market.book;
    }

    /** The last trade price of an instrument held on this shard; 0 before its first trade. */
    public long lastTradeTicks(int instrumentId) {
        Market market = markets.market(instrumentId);
        return market == null ? 0 : market.lastTradeTicks;
    }

    public int waitingStopCount(int instrumentId) {
        Market market = markets.market(instrumentId);
        return market == null ? 0 : market.stops.size();
    }

    /** Messages waiting for {@code destinationShard} to acknowledge them, or null when none were ever sent there. */
    public Outbox outbox(int destinationShard) {
        return shard.channels.existingOutbox(destinationShard);
    }

    /** The shards this one has outboxes for, ascending. */
    public int[] outboxDestinations() {
        return shard.channels.outboxes().keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The last sequence applied from {@code sourceShard}. */
    public long lastAppliedFrom(int sourceShard) {
        return shard.channels.lastApplied(sourceShard);
    }

    // ---- snapshots ----

    /** The whole state in the current versioned binary format. */
    public byte[] snapshot() {
        return ShardSnapshot.write(this);
    }

    /**
     * Writes the same bytes as {@link #snapshot()} to {@code out}; with a streaming writer, a
     * snapshot of any size is written without holding it whole. The caller flushes {@code out}.
     */
    public void writeSnapshot(BinaryWriter out) {
        ShardSnapshot.write(this, out);
    }

    /** Rebuilds a shard from {@link #snapshot()} bytes of this or any earlier format version. */
    public static ShardStateMachine restore(byte[] snapshot, ShardLimits limits, ShardEvent.Sink events) {
        return ShardSnapshot.read(snapshot, limits, events);
    }

    /** A SHA-256 digest of the snapshot, in hex: equal hashes mean equal states. */
    public String stateHash() {
        return ShardSnapshot.hash(snapshot());
    }

    /** Checks every internal invariant; throws if one is broken. */
    public void checkInvariants() {
        shard.ledger.checkInvariants();
        for (AccountOrder order : accounts.openOrders.values()) {
            if (order.status.isTerminal() || order.filledLots >= order.totalLots) {
                throw new IllegalStateException("order " + order.orderId + " open with status " + order.status);
            }
            if (shard.ledger.holdRemaining(order.orderId) < 0) {
                throw new IllegalStateException("open order " + order.orderId + " has no hold");
            }
        }
        if (shard.ledger.openHolds() != accounts.openOrders.size()) {
            throw new IllegalStateException(shard.ledger.openHolds() + " holds for " + accounts.openOrders.size() + " open orders");
        }
        for (int instrumentId : markets.instrumentIdsInOrder()) {
            OrderBook book = markets.market(instrumentId).book;
            long bid = book.bestBidTicks();
            long ask = book.bestAskTicks();
            if (bid != 0 && ask != 0 && bid >= ask) {
                throw new IllegalStateException("book " + instrumentId + " rests crossed: " + bid + " >= " + ask);
            }
        }
    }
}
