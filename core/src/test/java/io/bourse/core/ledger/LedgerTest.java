package io.bourse.core.ledger;

import static io.bourse.core.ledger.Ledger.CASH;
import static io.bourse.core.ledger.Ledger.CLEARING;
import static io.bourse.core.ledger.Ledger.OUTSIDE_WORLD;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long DAY = 86_400_000L;

    private final Ledger ledger = new Ledger(new Retention(DAY, DAY, 1_000));

    @Test
    void transferMovesBetweenTwoAccountsAndBalancesSumToZero() {
        assertThat(ledger.move(OUTSIDE_WORLD, ALICE, CASH, 10_000)).isEqualTo(TransferResult.OK);
        assertThat(ledger.move(ALICE, BOB, CASH, 2_500)).isEqualTo(TransferResult.OK);

        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(7_500);
        assertThat(ledger.balance(BOB, CASH)).isEqualTo(2_500);
        assertThat(ledger.balance(OUTSIDE_WORLD, CASH)).isEqualTo(-10_000);
        assertThat(ledger.sumOfBalances(CASH)).isZero();
        ledger.checkInvariants();
    }

    @Test
    void userAccountsCannotGoNegative() {
        ledger.move(OUTSIDE_WORLD, ALICE, CASH, 100);
        assertThat(ledger.move(ALICE, BOB, CASH, 101)).isEqualTo(TransferResult.INSUFFICIENT_FUNDS);
        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(100);
        assertThat(ledger.balance(BOB, CASH)).isZero();
    }

    @Test
    void invalidTransfersChangeNothing() {
        assertThat(ledger.move(OUTSIDE_WORLD, ALICE, CASH, 0)).isEqualTo(TransferResult.INVALID_AMOUNT);
        assertThat(ledger.move(OUTSIDE_WORLD, ALICE, CASH, -5)).isEqualTo(TransferResult.INVALID_AMOUNT);
        assertThat(ledger.move(ALICE, ALICE, CASH, 5)).isEqualTo(TransferResult.SAME_ACCOUNT);
        assertThat(ledger.move(0, ALICE, CASH, 5)).isEqualTo(TransferResult.INVALID_ACCOUNT);
        assertThat(ledger.balance(ALICE, CASH)).isZero();
    }

    @Test
    void holdReducesAvailableButNotBalance() {
        ledger.move(OUTSIDE_WORLD, ALICE, CASH, 1_000);
        assertThat(ledger.hold(42, ALICE, CLEARING, CASH, 600)).isEqualTo(TransferResult.OK);

        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(1_000);
        assertThat(ledger.held(ALICE, CASH)).isEqualTo(600);
        assertThat(ledger.available(ALICE, CASH)).isEqualTo(400);
        assertThat(ledger.hold(43, ALICE, CLEARING, CASH, 401)).isEqualTo(TransferResult.INSUFFICIENT_FUNDS);
        assertThat(ledger.move(ALICE, BOB, CASH, 401)).isEqualTo(TransferResult.INSUFFICIENT_FUNDS);
        assertThat(ledger.hold(42, ALICE, CLEARING, CASH, 1)).isEqualTo(TransferResult.HOLD_ID_IN_USE);
        ledger.checkInvariants();
    }

    @Test
    void holdIsPostedInPiecesAndTheRestReleased() {
        ledger.move(OUTSIDE_WORLD, ALICE, CASH, 1_000);
        ledger.hold(42, ALICE, CLEARING, CASH, 600);

        assertThat(ledger.post(42, 200)).isEqualTo(TransferResult.OK);
        assertThat(ledger.post(42, 150)).isEqualTo(TransferResult.OK);
        assertThat(ledger.post(42, 251)).isEqualTo(TransferResult.EXCEEDS_HOLD);
        assertThat(ledger.holdRemaining(42)).isEqualTo(250);
        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(650);
        assertThat(ledger.balance(CLEARING, CASH)).isEqualTo(350);

        assertThat(ledger.release(42)).isEqualTo(250);
        assertThat(ledger.held(ALICE, CASH)).isZero();
        assertThat(ledger.available(ALICE, CASH)).isEqualTo(650);
        assertThat(ledger.release(42)).isEqualTo(-1);
        assertThat(ledger.post(42, 1)).isEqualTo(TransferResult.UNKNOWN_HOLD);
        ledger.checkInvariants();
    }

    @Test
    void aKeptHoldHandleActsOnItsHoldAndGoesDeadWhenItIsReleased() {
        ledger.move(OUTSIDE_WORLD, ALICE, CASH, 1_000);
        ledger.hold(42, ALICE, CLEARING, CASH, 600);
        Hold hold = ledger.openHold(42);

        assertThat(ledger.growHold(hold, 700)).isEqualTo(TransferResult.OK);
        assertThat(ledger.growHold(hold, 500)).isEqualTo(TransferResult.OK); // already larger: unchanged
        assertThat(ledger.post(hold, 200)).isEqualTo(TransferResult.OK);
        assertThat(ledger.resizeHold(hold, 300)).isEqualTo(TransferResult.OK);
        assertThat(ledger.resizeHold(hold, 2_000)).isEqualTo(TransferResult.INSUFFICIENT_FUNDS);
        assertThat(ledger.holdRemaining(42)).isEqualTo(300);
        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(800);
        assertThat(ledger.held(ALICE, CASH)).isEqualTo(300);

        assertThat(ledger.release(42)).isEqualTo(300);
        assertThat(ledger.post(hold, 1)).isEqualTo(TransferResult.UNKNOWN_HOLD);
        assertThat(ledger.growHold(hold, 400)).isEqualTo(TransferResult.UNKNOWN_HOLD);
        assertThat(ledger.resizeHold(hold, 100)).isEqualTo(TransferResult.UNKNOWN_HOLD);
        assertThat(ledger.held(ALICE, CASH)).isZero();
        assertThat(ledger.openHold(42)).isNull();
        ledger.checkInvariants();
    }

    @Test
    void holdResizesUpOnlyWithinAvailable() {
        ledger.move(OUTSIDE_WORLD, ALICE, CASH, 1_000);
        ledger.hold(42, ALICE, CLEARING, CASH, 600);

        assertThat(ledger.resizeHold(42, 1_001)).isEqualTo(TransferResult.INSUFFICIENT_FUNDS);
        assertThat(ledger.resizeHold(42, 1_000)).isEqualTo(TransferResult.OK);
        assertThat(ledger.available(ALICE, CASH)).isZero();
        assertThat(ledger.resizeHold(42, 100)).isEqualTo(TransferResult.OK);
        assertThat(ledger.available(ALICE, CASH)).isEqualTo(900);
        ledger.checkInvariants();
    }

    @Test
    void growingAHoldNeverShrinksIt() {
        ledger.move(OUTSIDE_WORLD, ALICE, CASH, 1_000);
        ledger.hold(42, ALICE, CLEARING, CASH, 600);

        assertThat(ledger.growHold(42, 500)).isEqualTo(TransferResult.OK);
        assertThat(ledger.holdRemaining(42)).isEqualTo(600);
        assertThat(ledger.growHold(42, 900)).isEqualTo(TransferResult.OK);
        assertThat(ledger.holdRemaining(42)).isEqualTo(900);
        assertThat(ledger.growHold(42, 1_001)).isEqualTo(TransferResult.INSUFFICIENT_FUNDS);
        assertThat(ledger.holdRemaining(42)).isEqualTo(900);
        assertThat(ledger.growHold(43, 1)).isEqualTo(TransferResult.UNKNOWN_HOLD);
        assertThat(ledger.resizeHold(42, Ledger.MAX_AMOUNT + 1)).isEqualTo(TransferResult.INVALID_AMOUNT);
        ledger.checkInvariants();
    }

    @Test
    void whatComesInFromOutsideIsBoundedSoNoBalanceCanOverflow() {
        long half = Ledger.MAX_NET_INFLOW / 2;
        assertThat(ledger.execute(Transfer.posted(1, OUTSIDE_WORLD, ALICE, CASH, half), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(Transfer.posted(2, OUTSIDE_WORLD, BOB, CASH, half), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(Transfer.posted(3, OUTSIDE_WORLD, ALICE, CASH, 1), 0)).isEqualTo(TransferResult.INFLOW_LIMIT);
        assertThat(ledger.execute(Transfer.pending(4, OUTSIDE_WORLD, ALICE, CASH, 1), 0)).isEqualTo(TransferResult.INFLOW_LIMIT);
        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(half);
        assertThat(ledger.isJournaled(3)).as("a refused transfer is not remembered").isFalse();
        // Other assets have limits of their own, and what goes back out makes room again.
        assertThat(ledger.execute(Transfer.posted(5, OUTSIDE_WORLD, ALICE, 7, Ledger.MAX_NET_INFLOW), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(Transfer.posted(6, BOB, OUTSIDE_WORLD, CASH, 10), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(Transfer.posted(3, OUTSIDE_WORLD, ALICE, CASH, 10), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(Transfer.posted(7, OUTSIDE_WORLD, ALICE, CASH, 1), 0)).isEqualTo(TransferResult.INFLOW_LIMIT);
        ledger.checkInvariants();
    }

    @Test
    void pendingTransfersFromOutsideCountAgainstTheLimitInFull() {
        assertThat(ledger.execute(Transfer.pending(1, OUTSIDE_WORLD, ALICE, CASH, Ledger.MAX_NET_INFLOW), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(Transfer.posted(2, OUTSIDE_WORLD, BOB, CASH, 1), 0)).isEqualTo(TransferResult.INFLOW_LIMIT);
        assertThat(ledger.execute(Transfer.voidPending(3, 1), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(Transfer.posted(2, OUTSIDE_WORLD, BOB, CASH, 1), 0)).isEqualTo(TransferResult.OK);
    }

    @Test
    void sameTransferIdTwiceAppliesOnce() {
        Transfer deposit = Transfer.posted(7, OUTSIDE_WORLD, ALICE, CASH, 500);
        assertThat(ledger.execute(deposit, 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(deposit, 1)).isEqualTo(TransferResult.ALREADY_APPLIED);
        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(500);
    }

    @Test
    void sameTransferIdWithAnotherPayloadIsRefused() {
        ledger.execute(Transfer.posted(7, OUTSIDE_WORLD, ALICE, CASH, 500), 0);
        assertThat(ledger.execute(Transfer.posted(7, OUTSIDE_WORLD, ALICE, CASH, 501), 1))
                .isEqualTo(TransferResult.ID_REUSED_WITH_DIFFERENT_PAYLOAD);
        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(500);
    }

    @Test
    void failedTransferIsNotRememberedSoItsIdCanBeRetried() {
        Transfer withdrawal = Transfer.posted(8, ALICE, OUTSIDE_WORLD, CASH, 500);
        assertThat(ledger.execute(withdrawal, 0)).isEqualTo(TransferResult.INSUFFICIENT_FUNDS);
        ledger.execute(Transfer.posted(9, OUTSIDE_WORLD, ALICE, CASH, 500), 0);
        assertThat(ledger.execute(withdrawal, 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.balance(ALICE, CASH)).isZero();
    }

    @Test
    void pendingTransferIsPostedPartlyWithTheRestReturned() {
        ledger.execute(Transfer.posted(1, OUTSIDE_WORLD, ALICE, CASH, 1_000), 0);
        assertThat(ledger.execute(Transfer.pending(2, ALICE, BOB, CASH, 700), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.available(ALICE, CASH)).isEqualTo(300);

        assertThat(ledger.execute(Transfer.postPending(3, 2, 800), 0)).isEqualTo(TransferResult.EXCEEDS_HOLD);
        assertThat(ledger.execute(Transfer.postPending(3, 2, 400), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.balance(ALICE, CASH)).isEqualTo(600);
        assertThat(ledger.available(ALICE, CASH)).isEqualTo(600);
        assertThat(ledger.balance(BOB, CASH)).isEqualTo(400);
        assertThat(ledger.execute(Transfer.postPending(4, 2, 1), 0)).isEqualTo(TransferResult.UNKNOWN_HOLD);
        ledger.checkInvariants();
    }

    @Test
    void pendingTransferIsVoided() {
        ledger.execute(Transfer.posted(1, OUTSIDE_WORLD, ALICE, CASH, 1_000), 0);
        ledger.execute(Transfer.pending(2, ALICE, BOB, CASH, 700), 0);
        assertThat(ledger.execute(Transfer.voidPending(3, 2), 0)).isEqualTo(TransferResult.OK);
        assertThat(ledger.execute(Transfer.voidPending(3, 2), 0)).isEqualTo(TransferResult.ALREADY_APPLIED);
        assertThat(ledger.available(ALICE, CASH)).isEqualTo(1_000);
        assertThat(ledger.balance(BOB, CASH)).isZero();
    }

    @Test
    void journalForgetsAfterTheWindowAndIsBounded() {
        Ledger small = new Ledger(new Retention(DAY, DAY, 2));
        small.execute(Transfer.posted(1, OUTSIDE_WORLD, ALICE, CASH, 1), 0);
        small.execute(Transfer.posted(2, OUTSIDE_WORLD, ALICE, CASH, 1), 1);
        assertThat(small.execute(Transfer.posted(3, OUTSIDE_WORLD, ALICE, CASH, 1), 2)).isEqualTo(TransferResult.JOURNAL_FULL);
        assertThat(small.balance(ALICE, CASH)).isEqualTo(2);

        // A day later the first two are forgotten, which makes room.
        assertThat(small.execute(Transfer.posted(3, OUTSIDE_WORLD, ALICE, CASH, 1), DAY + 2)).isEqualTo(TransferResult.OK);
        assertThat(small.isJournaled(1)).isFalse();
        assertThat(small.isJournaled(3)).isTrue();
    }

    @Test
    void aFullJournalForgetsItsOldestOncePastTheGuarantee() {
        Ledger small = new Ledger(new Retention(DAY, 100, 2));
        small.execute(Transfer.posted(1, OUTSIDE_WORLD, ALICE, CASH, 1), 0);
        small.execute(Transfer.posted(2, OUTSIDE_WORLD, ALICE, CASH, 1), 10);
        assertThat(small.execute(Transfer.posted(3, OUTSIDE_WORLD, ALICE, CASH, 1), 100)).isEqualTo(TransferResult.JOURNAL_FULL);

        assertThat(small.execute(Transfer.posted(3, OUTSIDE_WORLD, ALICE, CASH, 1), 101)).isEqualTo(TransferResult.OK);
        assertThat(small.isJournaled(1)).isFalse();
        assertThat(small.isJournaled(2)).as("younger than the guarantee").isTrue();
        assertThat(small.execute(Transfer.posted(2, OUTSIDE_WORLD, ALICE, CASH, 1), 101)).isEqualTo(TransferResult.ALREADY_APPLIED);
        assertThat(small.balance(ALICE, CASH)).isEqualTo(3);
    }

    @Test
    void snapshotRestoresEveryBalanceHoldAndJournalEntry() {
        ledger.execute(Transfer.posted(1, OUTSIDE_WORLD, ALICE, CASH, 1_000), 5);
        ledger.move(OUTSIDE_WORLD, BOB, 9, 30);
        ledger.hold(77, ALICE, CLEARING, CASH, 250);
        ledger.hold(78, BOB, CLEARING, 9, 10);
        BinaryWriter out = new BinaryWriter(64);
        ledger.writeTo(out);

        Ledger restored = new Ledger(new Retention(DAY, DAY, 1_000));
        restored.readFrom(new BinaryReader(out.toByteArray()));

        assertThat(restored.available(ALICE, CASH)).isEqualTo(750);
        assertThat(restored.holdRemaining(78)).isEqualTo(10);
        assertThat(restored.available(BOB, 9)).isEqualTo(20);
        assertThat(restored.execute(Transfer.posted(1, OUTSIDE_WORLD, ALICE, CASH, 1_000), 6)).isEqualTo(TransferResult.ALREADY_APPLIED);
        BinaryWriter again = new BinaryWriter(64);
        restored.writeTo(again);
        assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
    }

    @Test
    void anOwnersAssetsAreTheOnesItHasAccountsInAscendingAlsoAfterARestore() {
        ledger.move(OUTSIDE_WORLD, ALICE, 12, 5);
        ledger.move(OUTSIDE_WORLD, ALICE, CASH, 1_000);
        ledger.move(OUTSIDE_WORLD, BOB, 3, 7);
        ledger.move(ALICE, BOB, 12, 5); // Alice's account in 12 stays, at zero
        ledger.move(OUTSIDE_WORLD, ALICE, 4, 1);

        assertThat(ledger.assetsOf(ALICE)).containsExactly(CASH, 4, 12);
        assertThat(ledger.assetsOf(BOB)).containsExactly(3, 12);
        assertThat(ledger.assetsOf(OUTSIDE_WORLD)).containsExactly(CASH, 3, 4, 12);
        assertThat(ledger.assetsOf(99)).isEmpty();

        BinaryWriter out = new BinaryWriter(64);
        ledger.writeTo(out);
        Ledger restored = new Ledger(new Retention(DAY, DAY, 1_000));
        restored.readFrom(new BinaryReader(out.toByteArray()));
        assertThat(restored.assetsOf(ALICE)).containsExactly(CASH, 4, 12);
        assertThat(restored.assetsOf(BOB)).containsExactly(3, 12);
    }
}
