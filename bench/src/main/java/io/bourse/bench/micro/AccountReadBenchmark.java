package io.bourse.bench.micro;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.ShardEvent;
import io.bourse.core.shard.ShardLimits;
import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.query.AccountView;
import io.bourse.engine.query.Query;
import io.bourse.engine.query.QueryCodec;
import io.bourse.engine.shard.ShardReads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * An account read on its shard (balances, open orders, positions, encoded), which a portfolio or
 * balances request makes and which holds the replica's lock while it runs: through the account's
 * own ledger accounts ({@code ShardReads}), against trying every instrument the shard knows for a
 * balance, which it did before: the baseline, in the same run. The account holds cash and three
 * instruments; every account on the shard holds some of each instrument.
 *
 * <pre>java -cp bench/target/bourse-bench.jar org.openjdk.jmh.Main AccountRead</pre>
 */
public class AccountReadBenchmark extends MicroBenchmark {
    private static final int SHARD = 1;
    private static final long ACCOUNT = 42;

    /** Instruments the shard knows: this machine's load tests list 8. */
    @Param({"8", "1000", "10000"})
    int listed;

    private ShardStateMachine machine;
    private Query.Account query;

    @Setup
    public void fill() {
        machine = new ShardStateMachine(SHARD, ShardLimits.defaults(), ShardEvent.Sink.NONE);
        apply(new Command.AssignSlots(0, 1023, SHARD));
        long transferId = 1;
        for (int id = 1; id <= listed; id++) {
            apply(new Command.DefineInstrument(new Instrument(id, "S" + id, 1, 1, 10_000, 1_000, 500, 1, 2, 100_000), SHARD));
            apply(new Command.Deposit(1_000 + id, transferId++, id, 100)); // someone holds every instrument
        }
        apply(new Command.Deposit(ACCOUNT, transferId++, Ledger.CASH, 1_000_000));
        for (int id : new int[] {1, listed / 2, listed}) {
            apply(new Command.Deposit(ACCOUNT, transferId++, id, 50));
        }
        query = new Query.Account(ACCOUNT);
        if (!Arrays.equals(throughTheAccountsAssets(), tryingEveryInstrument())) {
            throw new IllegalStateException("the two reads answer differently");
        }
    }

    private void apply(Command command) {
        if (machine.apply(1_000, command).isRejected()) {
            throw new IllegalStateException("set-up command rejected: " + command);
        }
    }

    @Benchmark
    public byte[] throughTheAccountsAssets() {
        return ShardReads.answer(machine, query);
    }

    @Benchmark
    public byte[] tryingEveryInstrument() {
        List<AccountView.Balance> balances = new ArrayList<>();
        balances.add(new AccountView.Balance(Ledger.CASH, machine.balance(ACCOUNT, Ledger.CASH), machine.held(ACCOUNT, Ledger.CASH)));
        for (int instrumentId : machine.instrumentIds()) {
            AccountView.Balance shares = new AccountView.Balance(instrumentId, machine.balance(ACCOUNT, instrumentId),
                    machine.held(ACCOUNT, instrumentId));
            if (shares.balance() != 0 || shares.held() != 0) {
                balances.add(shares);
            }
        }
        return QueryCodec.encodeAccount(new AccountView(ACCOUNT, balances, machine.openOrders(ACCOUNT), machine.positions(ACCOUNT)));
    }
}
