package io.bourse.engine.shard;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.directory.DirectoryView;
import io.bourse.engine.directory.InstrumentListing;
import io.bourse.engine.raft.RaftReplica;
import io.bourse.engine.raft.ReplicaListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a shard's leader, brings the shard's routing table and instruments up to the directory's:
 * every half second it reads the directory and proposes what the shard lacks or has out of date
 * ({@code AssignSlots}, {@code DefineInstrument}, {@code SetReferencePrice} for a band the directory
 * moved). All three are idempotent, so a repeat is harmless.
 */
public final class DirectorySync implements ReplicaListener {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);

    private final RaftReplica<ShardState> replica;
    private final EngineClient client;
    private volatile boolean running = true;
    private volatile boolean leader;
    private final Thread thread;

    public DirectorySync(RaftReplica<ShardState> replica, EngineClient client) {
        this.replica = replica;
        this.client = client;
        this.thread = Thread.ofVirtual().name("directory-sync-" + replica.groupId()).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }

    @Override
    public void onLeaderStart(long term) {
        leader = true;
        thread.interrupt(); // look now, not in half a second
    }

    @Override
    public void onLeaderStop() {
        leader = false;
    }

    private void run() {
        while (running) {
            try {
                if (leader) {
                    syncOnce();
                }
            } catch (RuntimeException e) {
                LOG.debug("{}: directory sync failed, will retry: {}", replica.groupId(), e.toString());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                // woken early
            }
        }
    }

    private void syncOnce() {
        DirectoryView view = client.refreshDirectory();
        if (!view.isBootstrapped()) {
            return;
        }
        List<Command> missing = replica.readLocal(state -> missingCommands(view, state.machine()));
        for (Command command : missing) {
            replica.submit(CommandCodec.encode(command)).orTimeout(5, TimeUnit.SECONDS).join();
        }
    }

    static List<Command> missingCommands(DirectoryView view, ShardStateMachine machine) {
        List<Command> commands = new ArrayList<>();
        int[] wanted = view.shardOfSlot();
        int slot = 0;
        while (slot < wanted.length) {
            if (machine.shardOfSlot(slot) == wanted[slot]) {
                slot++;
                continue;
            }
            int first = slot;
            while (slot + 1 < wanted.length && wanted[slot + 1] == wanted[first] && machine.shardOfSlot(slot + 1) != wanted[first]) {
                slot++;
            }
            commands.add(new Command.AssignSlots(first, slot, wanted[first]));
            slot++;
        }
        for (InstrumentListing listing : view.instruments()) {
            Instrument known = machine.instrument(listing.instrument().id());
            if (known == null) {
                commands.add(new Command.DefineInstrument(listing.instrument(), listing.marketShard()));
            } else if (known.referencePriceTicks() != listing.instrument().referencePriceTicks()) {
                commands.add(new Command.SetReferencePrice(known.id(), listing.instrument().referencePriceTicks()));
            }
        }
        return commands;
    }
}
