package io.bourse.core.ledger;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.InKeyOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * A double-entry ledger in the manner of TigerBeetle: one account per (owner, asset), every
 * movement debits one account and credits another by the same amount, so per asset the balances
 * of one ledger always sum to zero.
 *
 * <p>User accounts (positive owners) can never be overdrawn: a debit needs that much
 * <em>available</em> (balance minus held). System accounts (negative owners: clearing, fee
 * revenue, the outside world) may go negative; the outside world's balance is minus everything
 * deposited.
 *
 * <p>Holds are pending transfers. Unlike TigerBeetle, a hold can be posted several times (an order
 * fills in pieces) and resized (an order's price is amended); {@link #release} returns the rest.
 * Holds and moves made by the trading flow have ids unique by construction and are not journaled;
 * transfers from outside go through {@link #execute}, idempotent by transfer id.
 */
public final class Ledger {
    /** The asset id of US dollar cash, in cents. Instrument ids are the asset ids of their shares. */
    public static final int CASH = 0;
    public static final long CLEARING = -1;
    public static final long FEE_REVENUE = -2;
    public static final long OUTSIDE_WORLD = -3;

    public static final long MAX_OWNER = (1L << 40) - 1;
    private static final long MIN_OWNER = OUTSIDE_WORLD;
    private static final int MAX_ASSET = (1 << 20) - 1;
    /** No single movement may exceed this. */
    public static final long MAX_AMOUNT = 1L << 56;
    /**
     * The most of one asset that may have come into one ledger from outside, net of what went
     * back out: a transfer from {@link #OUTSIDE_WORLD} that would take more in is refused
     * ({@link TransferResult#INFLOW_LIMIT}). Why: cash and shares are conserved, so no balance
     * anywhere (a user's, a clearing account's, the fees collected) can exceed the sum of every
     * ledger's inflow; with accounts on at most 1,024 shards (2^10 slots) that sum stays within
     * 2^62, and no balance, hold or sum of them can overflow a long, whatever users send. Per
     * shard that is $45 trillion in cents, or 4.5 quadrillion shares.
     */
    public static final long MAX_NET_INFLOW = 1L << 52;

    private final Long2ObjectHashMap<LedgerAccount> accounts = new Long2ObjectHashMap<>();
    /** Per owner, its account created last; the rest follow through {@link LedgerAccount#previousOfOwner}. */
    private final Long2ObjectHashMap<LedgerAccount> newestOfOwner = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Hold> holds = new Long2ObjectHashMap<>();
    private final TransferJournal journal;

    /** @param journalRetention how long, and how many, applied transfers' ids are remembered */
    public Ledger(Retention journalRetention) {
        this.journal = new TransferJournal(journalRetention);
    }

    public static boolean isValidOwner(long owner) {
        return owner >= MIN_OWNER && owner <= MAX_OWNER && owner != 0;
    }

    public static boolean isValidAsset(int asset) {
        return asset >= 0 && asset <= MAX_ASSET;
    }

    public long balance(long owner, int asset) {
        LedgerAccount account = accounts.get(key(owner, asset));
        return account == null ? 0 : account.balance;
    }

    public long held(long owner, int asset) {
        LedgerAccount account = accounts.get(key(owner, asset));
        return account == null ? 0 : account.held;
    }

    /**
     * The assets an owner has an account in (it has held, or been asked to pay, some of each),
     * ascending. Found through the owner's own accounts, so it costs the same however many assets
     * the ledger has: an account's balances are read this way, not by trying every instrument.
     */
    public int[] assetsOf(long owner) {
        int count = 0;
        for (LedgerAccount account = newestOfOwner.get(owner); account != null; account = account.previousOfOwner) {
            count++;
        }
        int[] assets = new int[count];
        int i = 0;
        for (LedgerAccount account = newestOfOwner.get(owner); account != null; account = account.previousOfOwner) {
            assets[i++] = account.asset;
        }
        Arrays.sort(assets);
        return assets;
    }

    public long available(long owner, int asset) {
        LedgerAccount account = accounts.get(key(owner, asset));
        return account == null ? 0 : account.available();
    }

    /** The amount still held by an open hold, or -1 if there is no such hold. */
    public long holdRemaining(long holdId) {
        Hold hold = holds.get(holdId);
        return hold == null ? -1 : hold.remaining;
    }

    public int openHolds() {
        return holds.size();
    }

    // ---- the trading flow's operations: ids unique by construction, not journaled ----

    /** Moves {@code amount} from debit to credit at once. */
    public TransferResult move(long debitOwner, long creditOwner, int asset, long amount) {
        TransferResult problem = checkAccounts(debitOwner, creditOwner, asset, amount);
        if (problem != null) {
            return problem;
        }
        LedgerAccount debit = account(debitOwner, asset);
        if (!debit.mayGoNegative() && debit.available() < amount) {
            return TransferResult.INSUFFICIENT_FUNDS;
        }
        debit.balance -= amount;
        account(creditOwner, asset).balance += amount;
        return TransferResult.OK;
    }

    /** Reserves {@code amount} on the debit account, owed to the credit account once posted. */
    public TransferResult hold(long holdId, long debitOwner, long creditOwner, int asset, long amount) {
        TransferResult problem = checkAccounts(debitOwner, creditOwner, asset, amount);
        if (problem != null) {
            return problem;
        }
        if (holds.containsKey(holdId)) {
            return TransferResult.HOLD_ID_IN_USE;
        }
        LedgerAccount debit = account(debitOwner, asset);
        if (!debit.mayGoNegative() && debit.available() < amount) {
            return TransferResult.INSUFFICIENT_FUNDS;
        }
        debit.held += amount;
        holds.put(holdId, new Hold(holdId, debit, account(creditOwner, asset), amount));
        return TransferResult.OK;
    }

    /** The open hold with this id, as a handle to post and resize it by; null if there is none. */
    public Hold openHold(long holdId) {
        return holds.get(holdId);
    }

    /** Moves part of a hold to its credit account; the rest stays held. */
    public TransferResult post(long holdId, long amount) {
        return post(holds.get(holdId), amount);
    }

    /** {@link #post(long, long)} on a kept handle. */
    public TransferResult post(Hold hold, long amount) {
        if (hold == null || !hold.open) {
            return TransferResult.UNKNOWN_HOLD;
        }
        if (amount <= 0) {
            return TransferResult.INVALID_AMOUNT;
        }
        if (amount > hold.remaining) {
            return TransferResult.EXCEEDS_HOLD;
        }
        hold.remaining -= amount;
        hold.debit.held -= amount;
        hold.debit.balance -= amount;
        hold.credit.balance += amount;
        return TransferResult.OK;
    }

    /** Changes how much a hold reserves. Growing it needs that much more available. */
    public TransferResult resizeHold(long holdId, long newAmount) {
        return resizeHold(holds.get(holdId), newAmount);
    }

    /** {@link #resizeHold(long, long)} on a kept handle. */
    public TransferResult resizeHold(Hold hold, long newAmount) {
        return hold == null || !hold.open ? TransferResult.UNKNOWN_HOLD : resize(hold, newAmount);
    }

    private static TransferResult resize(Hold hold, long newAmount) {
        if (newAmount < 0 || newAmount > MAX_AMOUNT) {
            return TransferResult.INVALID_AMOUNT;
        }
        long growth = newAmount - hold.remaining;
        if (growth > 0 && !hold.debit.mayGoNegative() && hold.debit.available() < growth) {
            return TransferResult.INSUFFICIENT_FUNDS;
        }
        hold.debit.held += growth;
        hold.remaining = newAmount;
        return TransferResult.OK;
    }

    /** Grows a hold to at least {@code amount}; a hold already that large is left as it is. */
    public TransferResult growHold(long holdId, long amount) {
        return growHold(holds.get(holdId), amount);
    }

    /** {@link #growHold(long, long)} on a kept handle. */
    public TransferResult growHold(Hold hold, long amount) {
        if (hold == null || !hold.open) {
            return TransferResult.UNKNOWN_HOLD;
        }
        return amount <= hold.remaining ? TransferResult.OK : resize(hold, amount);
    }

    /** Closes a hold, returning what it still reserved; returns that amount, or -1 if there was no such hold. */
    public long release(long holdId) {
        Hold hold = holds.remove(holdId);
        if (hold == null) {
            return -1;
        }
        hold.open = false;
        hold.debit.held -= hold.remaining;
        return hold.remaining;
    }

    // ---- transfers from outside: idempotent by id ----

    /**
     * Applies a transfer once. The same id with the same payload again returns
     * {@link TransferResult#ALREADY_APPLIED} and changes nothing; with another payload it is refused.
     * Failed transfers are not remembered: their id may be used again.
     */
    public TransferResult execute(Transfer transfer, long logTimeMillis) {
        Transfer earlier = journal.find(transfer.id());
        if (earlier != null) {
            return earlier.equals(transfer) ? TransferResult.ALREADY_APPLIED : TransferResult.ID_REUSED_WITH_DIFFERENT_PAYLOAD;
        }
        if (journal.isFull(logTimeMillis)) {
            return TransferResult.JOURNAL_FULL;
        }
        if (exceedsInflowLimit(transfer)) {
            return TransferResult.INFLOW_LIMIT;
        }
        TransferResult result = switch (transfer.kind()) {
            case POSTED -> move(transfer.debitOwner(), transfer.creditOwner(), transfer.asset(), transfer.amount());
            case PENDING -> hold(transfer.id(), transfer.debitOwner(), transfer.creditOwner(), transfer.asset(), transfer.amount());
            case POST_PENDING -> postAndRelease(transfer.pendingId(), transfer.amount());
            case VOID_PENDING -> release(transfer.pendingId()) >= 0 ? TransferResult.OK : TransferResult.UNKNOWN_HOLD;
        };
        if (result == TransferResult.OK) {
            journal.remember(transfer, logTimeMillis);
        }
        return result;
    }

    /** Whether this transfer id is remembered as applied (within the retention window). */
    public boolean isJournaled(long transferId) {
        return journal.find(transferId) != null;
    }

    /**
     * Whether this transfer would bring more from outside than {@link #MAX_NET_INFLOW} allows. A
     * pending one counts in full, as posting it may. An amount out of range is left to the
     * operation's own check (it answers {@link TransferResult#INVALID_AMOUNT}). What the outside
     * world has pending counts as come in already ({@code available} is its balance less that).
     */
    private boolean exceedsInflowLimit(Transfer transfer) {
        boolean movesOrHolds = transfer.kind() == Transfer.Kind.POSTED || transfer.kind() == Transfer.Kind.PENDING;
        boolean amountInRange = transfer.amount() > 0 && transfer.amount() <= MAX_AMOUNT;
        return movesOrHolds && amountInRange && transfer.debitOwner() == OUTSIDE_WORLD
                && available(OUTSIDE_WORLD, transfer.asset()) - transfer.amount() < -MAX_NET_INFLOW;
    }

    private TransferResult postAndRelease(long holdId, long amount) {
        Hold hold = holds.get(holdId);
        if (hold == null) {
            return TransferResult.UNKNOWN_HOLD;
        }
        if (amount < 0) {
            return TransferResult.INVALID_AMOUNT;
        }
        if (amount > hold.remaining) {
            return TransferResult.EXCEEDS_HOLD;
        }
        if (amount > 0) {
            post(holdId, amount);
        }
        release(holdId);
        return TransferResult.OK;
    }

    // ---- audit ----

    /** Per asset, the sum of every balance in this ledger (zero for each asset, by double entry). */
    public long sumOfBalances(int asset) {
        long sum = 0;
        for (LedgerAccount account : accounts.values()) {
            if (account.asset == asset) {
                sum += account.balance;
            }
        }
        return sum;
    }

    /** Checks the ledger's invariants; throws if one is broken (a bug, never a user error). */
    public void checkInvariants() {
        Map<Integer, Long> sums = new HashMap<>();
        for (LedgerAccount account : accounts.values()) {
            if (!account.mayGoNegative() && (account.held < 0 || account.available() < 0)) {
                throw new IllegalStateException("user account overdrawn: owner " + account.owner + " asset " + account.asset);
            }
            sums.merge(account.asset, account.balance, Long::sum);
        }
        sums.forEach((asset, sum) -> {
            if (sum != 0) {
                throw new IllegalStateException("asset " + asset + " balances sum to " + sum);
            }
        });
        Map<Long, Long> heldByAccount = new HashMap<>();
        for (Hold hold : holds.values()) {
            heldByAccount.merge(key(hold.debit.owner, hold.debit.asset), hold.remaining, Long::sum);
        }
        for (LedgerAccount account : accounts.values()) {
            long expected = heldByAccount.getOrDefault(key(account.owner, account.asset), 0L);
            if (account.held != expected) {
                throw new IllegalStateException("held " + account.held + " != open holds " + expected + " for owner " + account.owner);
            }
        }
    }

    // ---- snapshot ----

    public void writeTo(BinaryWriter out) {
        // Keyed by owner << 20 | asset, which for every valid owner (-3 to 2^40) and asset (0 to 2^20)
        // orders as (owner, asset): key order is the snapshot's order.
        List<LedgerAccount> sortedAccounts = InKeyOrder.values(accounts);
        out.writeInt(sortedAccounts.size());
        for (LedgerAccount account : sortedAccounts) {
            out.writeLong(account.owner).writeInt(account.asset).writeLong(account.balance);
        }
        List<Hold> sortedHolds = InKeyOrder.values(holds); // keyed by hold id
        out.writeInt(sortedHolds.size());
        for (Hold hold : sortedHolds) {
            out.writeLong(hold.id).writeLong(hold.debit.owner).writeLong(hold.credit.owner).writeInt(hold.debit.asset)
                    .writeLong(hold.remaining);
        }
        out.writeInt(journal.size());
        journal.forEach((transfer, appliedAtMillis) -> out.writeLong(appliedAtMillis)
                .writeLong(transfer.id()).writeEnum(transfer.kind()).writeLong(transfer.debitOwner())
                .writeLong(transfer.creditOwner()).writeInt(transfer.asset()).writeLong(transfer.amount())
                .writeLong(transfer.pendingId()));
    }

    public void readFrom(BinaryReader in) {
        int accountCount = in.readCount(20);
        for (int i = 0; i < accountCount; i++) {
            long owner = in.readLong();
            int asset = in.readInt();
            account(owner, asset).balance = in.readLong();
        }
        int holdCount = in.readCount(36);
        for (int i = 0; i < holdCount; i++) {
            long id = in.readLong();
            long debitOwner = in.readLong();
            long creditOwner = in.readLong();
            int asset = in.readInt();
            LedgerAccount debit = account(debitOwner, asset);
            long remaining = in.readLong();
            debit.held += remaining;
            holds.put(id, new Hold(id, debit, account(creditOwner, asset), remaining));
        }
        int journalCount = in.readCount(53);
        Transfer.Kind[] kinds = Transfer.Kind.values();
        for (int i = 0; i < journalCount; i++) {
            long appliedAtMillis = in.readLong();
            Transfer transfer = new Transfer(in.readLong(), in.readEnum(kinds), in.readLong(), in.readLong(), in.readInt(),
                    in.readLong(), in.readLong());
            journal.remember(transfer, appliedAtMillis);
        }
        checkInvariants();
    }

    // ---- internals ----

    private TransferResult checkAccounts(long debitOwner, long creditOwner, int asset, long amount) {
        if (!isValidOwner(debitOwner) || !isValidOwner(creditOwner) || !isValidAsset(asset)) {
            return TransferResult.INVALID_ACCOUNT;
        }
        if (debitOwner == creditOwner) {
            return TransferResult.SAME_ACCOUNT;
        }
        if (amount <= 0 || amount > MAX_AMOUNT) {
            return TransferResult.INVALID_AMOUNT;
        }
        return null;
    }

    private LedgerAccount account(long owner, int asset) {
        long key = key(owner, asset);
        LedgerAccount account = accounts.get(key);
        if (account == null) {
            account = new LedgerAccount(owner, asset);
            accounts.put(key, account);
            account.previousOfOwner = newestOfOwner.put(owner, account);
        }
        return account;
    }

    private static long key(long owner, int asset) {
        return (owner << 20) | asset;
    }
}
