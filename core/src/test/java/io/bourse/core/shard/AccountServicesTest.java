package io.bourse.core.shard;

import static io.bourse.core.ledger.Ledger.CASH;
import static io.bourse.core.shard.Orders.ACME;
import static io.bourse.core.shard.Orders.BULKY;
import static io.bourse.core.shard.Orders.buy;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command.AddCredential;
import io.bourse.core.shard.Command.CancelAllOrders;
import io.bourse.core.shard.Command.ChangePassword;
import io.bourse.core.shard.Command.Deposit;
import io.bourse.core.shard.Command.Idempotent;
import io.bourse.core.shard.Command.RegisterUser;
import io.bourse.core.shard.Command.RevokeCredential;
import io.bourse.core.shard.Command.Withdraw;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users and credentials, idempotency keys and cancel-all: the account services the gateways build on. */
class AccountServicesTest {
    private static final long ALICE = 11;
    private static final long BOB = 12;

    private ShardNetwork network;
    private ShardStateMachine shard;

    @BeforeEach
    void setUp() {
        network = new ShardNetwork(1);
        network.define(ACME, 1);
        network.define(BULKY, 1);
        shard = network.shards.get(1);
    }

    private CommandResult apply(Command command) {
        CommandResult result = shard.apply(network.nowMillis, command);
        shard.checkInvariants();
        return result;
    }

    private void assertRejected(Command command, RejectReason reason) {
        String before = shard.stateHash();
        CommandResult result = apply(command);
        assertThat(result.reason()).isEqualTo(reason);
        assertThat(shard.stateHash()).as("a rejection changes nothing").isEqualTo(before);
    }

    @Test
    void aUserIsRegisteredOnceAndKeepsOnlyTheDigestOfTheirPassword() {
        assertThat(apply(new RegisterUser(ALICE, "alice", "pbkdf2$1$salt$hash")).outcome()).isEqualTo(Outcome.ACCEPTED);

        UserView alice = shard.user(ALICE);
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.passwordDigest()).isEqualTo("pbkdf2$1$salt$hash");
        assertRejected(new RegisterUser(ALICE, "alice", "pbkdf2$1$salt$hash"), RejectReason.USERNAME_TAKEN);
        assertRejected(new RegisterUser(BOB, "Bob!", "d"), RejectReason.INVALID_USERNAME);
        assertRejected(new RegisterUser(BOB, "bo", "d"), RejectReason.INVALID_USERNAME);
        assertRejected(new RegisterUser(BOB, "bob", ""), RejectReason.INVALID_CREDENTIAL);
        assertThat(shard.user(BOB)).isNull();
    }

    @Test
    void credentialsAreAddedListedAndRevoked() {
        apply(new RegisterUser(ALICE, "alice", "d"));
        long expires = network.nowMillis + 60_000;

        assertThat(apply(new AddCredential(ALICE, 7, "digest7", Scopes.READ, expires, "my bot")).id()).isEqualTo(7);
        assertRejected(new AddCredential(ALICE, 7, "other", Scopes.READ, expires, "again"), RejectReason.CREDENTIAL_ID_REUSED);
        assertRejected(new AddCredential(ALICE, 8, "d", 0, expires, "no scopes"), RejectReason.INVALID_CREDENTIAL);
        assertRejected(new AddCredential(ALICE, 8, "d", 64, expires, "unknown scope"), RejectReason.INVALID_CREDENTIAL);
        assertRejected(new AddCredential(ALICE, 8, "d", Scopes.READ, network.nowMillis, "already expired"), RejectReason.INVALID_CREDENTIAL);
        assertRejected(new AddCredential(BOB, 9, "d", Scopes.READ, expires, "no such user"), RejectReason.UNKNOWN_USER);

        UserView.Credential key = shard.user(ALICE).credential(7);
        assertThat(key.secretDigest()).isEqualTo("digest7");
        assertThat(key.scopes()).isEqualTo(Scopes.READ);
        assertThat(key.label()).isEqualTo("my bot");

        assertThat(apply(new RevokeCredential(ALICE, 7)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.user(ALICE).credentials()).isEmpty();
        assertRejected(new RevokeCredential(ALICE, 7), RejectReason.UNKNOWN_CREDENTIAL);
    }

    @Test
    void aNewPasswordEndsEverySessionButTheOneAskingAndKeepsTheApiKeys() {
        apply(new RegisterUser(ALICE, "alice", "old-digest"));
        long expires = network.nowMillis + 60_000;
        apply(new AddCredential(ALICE, 1, "s1", Scopes.ALL, expires, "session"));
        apply(new AddCredential(ALICE, 2, "s2", Scopes.ALL, expires, "session"));
        apply(new AddCredential(ALICE, 3, "k3", Scopes.READ | Scopes.TRADE, expires, "my bot"));
        apply(new AddCredential(ALICE, 4, "s4", Scopes.ALL, expires, "session"));

        CommandResult changed = apply(new ChangePassword(ALICE, "new-digest", 2));

        assertThat(changed.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(changed.id()).as("sessions ended").isEqualTo(2);
        assertThat(shard.user(ALICE).passwordDigest()).isEqualTo("new-digest");
        assertThat(shard.user(ALICE).credentials()).extracting(UserView.Credential::credentialId).containsExactly(2L, 3L);

        assertRejected(new ChangePassword(ALICE, "", 2), RejectReason.INVALID_CREDENTIAL);
        assertRejected(new ChangePassword(ALICE, "x".repeat(513), 2), RejectReason.INVALID_CREDENTIAL);
        assertRejected(new ChangePassword(BOB, "digest", 0), RejectReason.UNKNOWN_USER);
    }

    @Test
    void expiredCredentialsMakeRoomAndTheCountIsBounded() {
        apply(new RegisterUser(ALICE, "alice", "d"));
        int max = ShardLimits.defaults().maxCredentialsPerUser();
        for (int i = 1; i <= max; i++) {
            apply(new AddCredential(ALICE, i, "d", Scopes.ALL, network.nowMillis + 1_000, "session"));
        }
        assertRejected(new AddCredential(ALICE, 1_000, "d", Scopes.ALL, network.nowMillis + 1_000, "one too many"),
                RejectReason.TOO_MANY_CREDENTIALS);

        network.nowMillis += 1_000;
        assertThat(apply(new AddCredential(ALICE, 1_000, "d", Scopes.ALL, network.nowMillis + 1_000, "fresh")).outcome())
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.user(ALICE).credentials()).extracting(UserView.Credential::credentialId).containsExactly(1_000L);
    }

    @Test
    void aRetryUnderTheSameKeyGetsTheFirstResultAndActsOnce() {
        Deposit deposit = new Deposit(ALICE, 1, CASH, 5_000);
        CommandResult first = apply(new Idempotent(ALICE, "key-1", 42, deposit));
        // The retry carries a fresh transfer id: only the key makes it the same request.
        CommandResult retry = apply(new Idempotent(ALICE, "key-1", 42, new Deposit(ALICE, 2, CASH, 5_000)));

        assertThat(retry).isEqualTo(first);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(5_000);
        assertRejected(new Idempotent(ALICE, "key-1", 43, new Deposit(ALICE, 3, CASH, 9_000)), RejectReason.IDEMPOTENCY_KEY_REUSED);
        // Keys belong to one account: Bob's "key-1" is his own.
        assertThat(apply(new Idempotent(BOB, "key-1", 43, new Deposit(BOB, 4, CASH, 9_000))).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void aRejectionIsRememberedUnderItsKeyButOverloadIsNot() {
        CommandResult first = apply(new Idempotent(ALICE, "w", 1, new Withdraw(ALICE, 1, CASH, 100)));
        assertThat(first.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        apply(new Deposit(ALICE, 2, CASH, 1_000));
        // Still the first answer: the key stands for that request, whatever has happened since.
        assertThat(apply(new Idempotent(ALICE, "w", 1, new Withdraw(ALICE, 3, CASH, 100)))).isEqualTo(first);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(1_000);
    }

    @Test
    void keysAreForgottenAfterTheWindow() {
        apply(new Idempotent(ALICE, "k", 1, new Deposit(ALICE, 1, CASH, 100)));
        network.nowMillis += ShardLimits.DAY_MILLIS + 1;
        apply(new Idempotent(ALICE, "other", 1, new Deposit(ALICE, 2, CASH, 100)));
        assertThat(apply(new Idempotent(ALICE, "k", 9, new Deposit(ALICE, 3, CASH, 100))).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(300);
    }

    @Test
    void aShardFullOfKeysForgetsTheOldestPastTheGuaranteeAndKeepsTakingCommands() {
        network = new ShardNetwork(new ShardLimits(ShardLimits.DAY_MILLIS, 1_000, 100, 3, 100), 1);
        shard = network.shards.get(1);
        CommandResult[] first = new CommandResult[4];
        for (int i = 1; i <= 3; i++) {
            first[i] = apply(new Idempotent(ALICE, "k" + i, i, new Deposit(ALICE, i, CASH, 100)));
            assertThat(first[i].outcome()).isEqualTo(Outcome.ACCEPTED);
        }
        // Three keys (and three transfer ids), all younger than the guarantee: a fourth must wait.
        network.nowMillis += 1_000;
        assertThat(apply(new Idempotent(ALICE, "k4", 4, new Deposit(ALICE, 4, CASH, 100))).reason()).isEqualTo(RejectReason.LIMIT_REACHED);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(300);
        // The refusal forgot nothing: the oldest key still answers as the first time, without acting.
        assertThat(apply(new Idempotent(ALICE, "k1", 1, new Deposit(ALICE, 7, CASH, 100)))).isEqualTo(first[1]);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(300);

        network.nowMillis += ShardLimits.GUARANTEE_MILLIS;
        assertThat(apply(new Idempotent(ALICE, "k4", 4, new Deposit(ALICE, 4, CASH, 100))).outcome()).isEqualTo(Outcome.ACCEPTED);
        // Only the oldest went to make room: the second is still answered as the first time, without acting.
        assertThat(apply(new Idempotent(ALICE, "k2", 2, new Deposit(ALICE, 5, CASH, 100)))).isEqualTo(first[2]);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(400);
        // The first is forgotten: another request under its key is a new one, not a reused key.
        assertThat(apply(new Idempotent(ALICE, "k1", 99, new Deposit(ALICE, 6, CASH, 100))).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(shard.balance(ALICE, CASH)).isEqualTo(500);
    }

    @Test
    void badKeysAndMismatchedAccountsAreRefused() {
        assertRejected(new Idempotent(ALICE, "", 1, new Deposit(ALICE, 1, CASH, 100)), RejectReason.INVALID_IDEMPOTENCY_KEY);
        assertRejected(new Idempotent(ALICE, "has space", 1, new Deposit(ALICE, 1, CASH, 100)), RejectReason.INVALID_IDEMPOTENCY_KEY);
        assertRejected(new Idempotent(ALICE, "x".repeat(129), 1, new Deposit(ALICE, 1, CASH, 100)), RejectReason.INVALID_IDEMPOTENCY_KEY);
        assertRejected(new Idempotent(ALICE, "tab\tkey", 1, new Deposit(ALICE, 1, CASH, 100)), RejectReason.INVALID_IDEMPOTENCY_KEY);
        assertRejected(new Idempotent(ALICE, "caf\u00e9", 1, new Deposit(ALICE, 1, CASH, 100)), RejectReason.INVALID_IDEMPOTENCY_KEY);
        assertRejected(new Idempotent(ALICE, "k\u007f", 1, new Deposit(ALICE, 1, CASH, 100)), RejectReason.INVALID_IDEMPOTENCY_KEY);
        assertRejected(new Idempotent(ALICE, null, 1, new Deposit(ALICE, 1, CASH, 100)), RejectReason.INVALID_IDEMPOTENCY_KEY);
        // The edges of what is allowed: '!' (0x21) to '~' (0x7E), up to 128 characters.
        assertThat(apply(new Idempotent(ALICE, "!~" + "x".repeat(126), 1, new Deposit(ALICE, 1, CASH, 100))).outcome())
                .isEqualTo(Outcome.ACCEPTED);
        assertRejected(new Idempotent(ALICE, "k", 1, new Deposit(BOB, 1, CASH, 100)), RejectReason.MALFORMED_COMMAND);
        assertRejected(new Idempotent(ALICE, "k", 1, new Command.EndTradingDay()), RejectReason.MALFORMED_COMMAND);
    }

    @Test
    void cancelAllCancelsEveryOpenOrderOfTheAccountOnly() {
        for (long account : new long[] {ALICE, BOB}) {
            apply(new Deposit(account, account, CASH, 10_000_000));
        }
        apply(buy(ALICE, "a1", 10, 9_900));
        apply(buy(ALICE, "a2", 10, 9_800));
        apply(buy(BOB, "b1", 10, 9_700));

        assertThat(apply(new CancelAllOrders(ALICE, 0)).id()).isEqualTo(2);

        assertThat(shard.openOrders(ALICE)).isEmpty();
        assertThat(shard.openOrders(BOB)).hasSize(1);
        assertThat(shard.endedOrders(ALICE)).extracting(OrderView::status).containsOnly(OrderStatus.CANCELED);
        assertThat(shard.available(ALICE, CASH)).isEqualTo(10_000_000);
        assertRejected(new CancelAllOrders(ALICE, 99), RejectReason.UNKNOWN_INSTRUMENT);
        assertThat(apply(new CancelAllOrders(BOB, BULKY.id())).id()).isZero();
    }
}
