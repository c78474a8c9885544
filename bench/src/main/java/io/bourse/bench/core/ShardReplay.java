package io.bourse.bench.core;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.ShardEvent;
import io.bourse.core.shard.ShardLimits;
import io.bourse.core.shard.ShardStateMachine;

/**
 * Replays a workload through a whole shard state machine: validation, hold, match, settlement,
 * fees and ledger, with accounts and book on one shard (messages to itself), one thread.
 */
final class ShardReplay {
    static final int SHARD = 1;
    /** Shard order ids are the shard id in the top bits and a sequence below, like the workload's. */
    static final long ORDER_ID_OFFSET = (long) SHARD << 40;
    static final Instrument INSTRUMENT = new Instrument(1, "BENCH", 1, 1, OrderBookWorkload.START_PRICE_TICKS, 2_500, 500, 1, 3, 1_000_000);
    private static final long LOG_TIME_MILLIS = 1_000;

    final ShardStateMachine shard;
    private final Command[] commands;
    long rejections;

    ShardReplay(OrderBookWorkload workload) {
        shard = new ShardStateMachine(SHARD, ShardLimits.defaults(), ShardEvent.Sink.NONE);
        apply(new Command.AssignSlots(0, 1023, SHARD));
        apply(new Command.DefineInstrument(INSTRUMENT, SHARD));
        long transferId = 1;
        for (long account = 1; account <= OrderBookWorkload.ACCOUNTS; account++) {
            apply(new Command.Deposit(account, transferId++, Ledger.CASH, 1_000_000_000_000L));
            apply(new Command.Deposit(account, transferId++, INSTRUMENT.id(), 1_000_000_000L));
        }
        commands = toCommands(workload);
    }

    private void apply(Command command) {
        if (shard.apply(LOG_TIME_MILLIS, command).isRejected()) {
            throw new IllegalStateException("set-up command rejected: " + command);
        }
    }

    /** Builds every command object up front: decoding is the engine's cost, not the state machine's. */
    private static Command[] toCommands(OrderBookWorkload w) {
        Command[] commands = new Command[w.size];
        for (int i = 0; i < w.size; i++) {
            Side side = w.buy[i] ? Side.BUY : Side.SELL;
            long id = ORDER_ID_OFFSET + w.orderId[i];
            commands[i] = switch (w.kind[i]) {
                case OrderBookWorkload.NEW_GTC -> place(w, i, side, TimeInForce.GOOD_TILL_CANCELED);
                case OrderBookWorkload.MARKETABLE_IOC -> place(w, i, side, TimeInForce.IMMEDIATE_OR_CANCEL);
                case OrderBookWorkload.FILL_OR_KILL -> place(w, i, side, TimeInForce.FILL_OR_KILL);
                case OrderBookWorkload.AMEND_PRICE, OrderBookWorkload.REDUCE ->
                        new Command.AmendOrder(w.accountId[i], id, w.priceTicks[i], w.lots[i]);
                case OrderBookWorkload.CANCEL -> new Command.CancelOrder(w.accountId[i], id);
                default -> throw new IllegalStateException("unknown command kind " + w.kind[i]);
            };
        }
        return commands;
    }

    private static Command place(OrderBookWorkload w, int i, Side side, TimeInForce timeInForce) {
        return new Command.PlaceOrder(w.accountId[i], "o" + w.orderId[i], INSTRUMENT.id(), side, OrderType.LIMIT, timeInForce,
                w.priceTicks[i], 0, w.lots[i], false);
    }

    void run(int from, int to) {
        for (int i = from; i < to; i++) {
            CommandResult result = shard.apply(LOG_TIME_MILLIS, commands[i]);
            if (result.isRejected()) {
                rejections++;
            }
        }
    }
}
