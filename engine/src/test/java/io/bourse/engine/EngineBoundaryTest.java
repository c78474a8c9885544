package io.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.RejectReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.codec.BinaryReader;
import io.bourse.engine.client.CommandAndOrder;
import io.bourse.engine.client.EngineRequestException;
import io.bourse.engine.query.AccountView;
import io.bourse.engine.query.Query;
import io.bourse.engine.query.QueryCodec;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.rpc.EngineRequest;
import io.bourse.engine.rpc.EngineResponse;
import io.bourse.engine.rpc.RequestKind;
import io.bourse.engine.rpc.ResponseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever reaches an engine node from outside gets a clear answer, and a refusal changes nothing. */
class EngineBoundaryTest extends SharedAcmeCluster {

    private static String leaderEndpoint(String groupId) {
        return cluster.layout.node(cluster.leaderOf(groupId).nodeId()).endpoint();
    }

    /**
     * The leader's state, minus its clock: every applied entry moves log time forward, whatever the
     * command's outcome; "changes nothing" is about everything else. (Format v1: the clock is bytes 12-19.)
     */
    private static String hashOf(int shard) {
        cluster.client.status(shard); // a linearizable read: the leader has applied everything before it
        byte[] snapshot = cluster.leaderOf(ClusterLayout.shardGroupId(shard)).shard(shard).readLocal(state -> state.machine().snapshot());
        java.util.Arrays.fill(snapshot, 12, 20, (byte) 0);
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(snapshot));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnknownGroupIsRefused() {
        EngineResponse response = cluster.client.sendRaw(leaderEndpoint("shard-1"),
                new EngineRequest(RequestKind.SUBMIT, "shard-99", false, new byte[] {0, 0, 0, 0}));
        assertThat(response.status()).isEqualTo(ResponseStatus.UNKNOWN_GROUP);
        assertThat(response.message()).contains("shard-99");
        assertThatThrownBy(() -> cluster.client.submit(99, List.of(new Command.EndTradingDay())))
                .isInstanceOf(EngineRequestException.class).hasMessageContaining("shard-99");
    }

    @Test
    void malformedCommandsAreRefusedBeforeAnyIsProposed() {
        String before = hashOf(1);
        // Two commands: a valid deposit, then garbage. Neither may be applied.
        byte[] body = {0, 0, 0, 2, 0, 0, 0, 1, 4, 0, 0, 0, 3, 99, 98, 97};
        EngineResponse response = cluster.client.sendRaw(leaderEndpoint("shard-1"),
                new EngineRequest(RequestKind.SUBMIT, ClusterLayout.shardGroupId(1), false, body));
        assertThat(response.status()).isEqualTo(ResponseStatus.BAD_REQUEST);
        assertThat(response.message()).isNotBlank();

        EngineResponse empty = cluster.client.sendRaw(leaderEndpoint("shard-1"),
                new EngineRequest(RequestKind.QUERY, ClusterLayout.shardGroupId(1), false, new byte[] {42}));
        assertThat(empty.status()).isEqualTo(ResponseStatus.BAD_REQUEST);
        assertThat(hashOf(1)).isEqualTo(before);
    }

    /** Small requests are handled on the RPC I/O thread, big ones on a thread of their own: both are checked whole. */
    @Test
    void aBatchTooBigForTheIoThreadIsCheckedWholeAndAppliedWhole() {
        long account = 1;
        while (cluster.client.directory().shardOfAccount(account) != 1) {
            account++;
        }
        List<Command> deposits = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deposits.add(new Command.Deposit(account, 7_700_000_000L + i, io.bourse.core.ledger.Ledger.CASH, 1));
        }
        BinaryWriter body = new BinaryWriter(8_192).writeInt(deposits.size() + 1);
        for (Command deposit : deposits) {
            byte[] encoded = CommandCodec.encode(deposit);
            body.writeInt(encoded.length).writeBytes(encoded);
        }
        body.writeInt(3).writeBytes(new byte[] {99, 98, 97});
        byte[] malformed = body.toByteArray();
        assertThat(malformed.length).isGreaterThan(4 * 1024);
        String before = hashOf(1);

        EngineResponse refused = cluster.client.sendRaw(leaderEndpoint("shard-1"),
                new EngineRequest(RequestKind.SUBMIT, ClusterLayout.shardGroupId(1), false, malformed));
        assertThat(refused.status()).isEqualTo(ResponseStatus.BAD_REQUEST);
        assertThat(refused.message()).isNotBlank();
        assertThat(hashOf(1)).isEqualTo(before);

        List<CommandResult> applied = cluster.client.submit(1, deposits);
        assertThat(applied).hasSize(200).allMatch(result -> result.outcome() == io.bourse.core.shard.Outcome.ACCEPTED);
        assertThat(hashOf(1)).isNotEqualTo(before);
    }

    @Test
    void aCommandForAnAccountOfAnotherShardIsRefused() {
        long account = 1;
        while (cluster.client.directory().shardOfAccount(account) == 2) {
            account++;
        }
        String before = hashOf(2);
        CommandResult result = cluster.client.submit(2, List.of(new Command.PlaceOrder(account, "x", ACME.id(), Side.BUY,
                OrderType.LIMIT, TimeInForce.DAY, 100_00, 0, 1, false))).get(0);
        assertThat(result.isRejected()).isTrue();
        assertThat(result.reason()).isEqualTo(RejectReason.WRONG_SHARD);
        assertThat(hashOf(2)).isEqualTo(before);
    }

    @Test
    void aBookIsOnlyAnsweredByTheShardThatHoldsIt() {
        EngineResponse response = cluster.client.sendRaw(leaderEndpoint("shard-1"), new EngineRequest(RequestKind.QUERY,
                ClusterLayout.shardGroupId(1), false, io.bourse.engine.query.QueryCodec.encode(new io.bourse.engine.query.Query.Book(ACME.id(), 5))));
        assertThat(response.status()).isEqualTo(ResponseStatus.BAD_REQUEST);
        assertThat(cluster.client.book(ACME.id(), 5, false).instrumentId()).isEqualTo(ACME.id());
        assertThat(cluster.client.book(ACME.id(), 5, true).instrumentId()).isEqualTo(ACME.id());
    }

    @Test
    void quotesAreAnsweredTogetherOnlyByTheShardThatHoldsTheirMarkets() {
        EngineResponse misplaced = cluster.client.sendRaw(leaderEndpoint("shard-1"), new EngineRequest(RequestKind.QUERY,
                ClusterLayout.shardGroupId(1), false, QueryCodec.encode(new Query.Quotes(List.of(ACME.id())))));
        assertThat(misplaced.status()).isEqualTo(ResponseStatus.BAD_REQUEST);

        var quotes = cluster.client.quotes(List.of(ACME.id()), false);

        assertThat(quotes).containsOnlyKeys(ACME.id());
        assertThat(quotes.get(ACME.id())).isEqualTo(cluster.client.quote(ACME.id(), false));
        assertThatThrownBy(() -> cluster.client.quotes(List.of(ACME.id(), 99), true))
                .isInstanceOf(EngineRequestException.class).hasMessageContaining("unknown instrument 99");
    }

    @Test
    void anInstrumentCannotBeListedTwiceOrOnAShardThatDoesNotExist() {
        assertThat(cluster.client.listInstrument(ACME, 4).outcome()).isEqualTo(io.bourse.core.shard.Outcome.DUPLICATE);
        assertThat(cluster.client.listInstrument(ACME.withReferencePrice(5_000), 4).reason()).isEqualTo(RejectReason.INSTRUMENT_ALREADY_DEFINED);
        Instrument other = new Instrument(2, "OTHER", 1, 1, 10_000, 1_000, 500, 1, 2, 100_000);
        assertThat(cluster.client.listInstrument(other, 42).reason()).isEqualTo(RejectReason.UNKNOWN_SHARD);
        Instrument sameSymbol = new Instrument(3, "ACME", 1, 1, 10_000, 1_000, 500, 1, 2, 100_000);
        assertThat(cluster.client.listInstrument(sameSymbol, 1).reason()).isEqualTo(RejectReason.INSTRUMENT_ALREADY_DEFINED);
        assertThat(cluster.client.refreshDirectory().instruments()).hasSize(1);
    }

    /** The read after a command sees the state with the command applied: here, a balance with the deposit in it. */
    @Test
    void aQuerySentWithACommandIsAnsweredWithTheCommandApplied() {
        long account = accountOnShard(1, 6_100_000);
        byte[] deposit = CommandCodec.encode(new Command.Deposit(account, 6_100_000_001L, io.bourse.core.ledger.Ledger.CASH, 12_345));
        byte[] query = QueryCodec.encode(new Query.Account(account));
        byte[] body = new BinaryWriter(64).writeInt(1).writeInt(deposit.length).writeBytes(deposit).writeInt(query.length).writeBytes(query)
                .toByteArray();

        EngineResponse response = cluster.client.sendRaw(leaderEndpoint("shard-1"),
                new EngineRequest(RequestKind.SUBMIT_THEN_READ, ClusterLayout.shardGroupId(1), false, body));

        assertThat(response.status()).isEqualTo(ResponseStatus.OK);
        BinaryReader in = new BinaryReader(response.body());
        assertThat(in.readInt()).isEqualTo(1);
        assertThat(CommandCodec.readResult(in).outcome()).isEqualTo(io.bourse.core.shard.Outcome.ACCEPTED);
        AccountView seen = QueryCodec.decodeAccount(in.readBytes(in.readInt()));
        assertThat(in.atEnd()).isTrue();
        assertThat(seen.balances()).filteredOn(b -> b.asset() == io.bourse.core.ledger.Ledger.CASH)
                .singleElement().extracting(AccountView.Balance::balance).isEqualTo(12_345L);
    }

    @Test
    void aCancelIsAnsweredWithTheOrderAsItIsRightAfterIt() {
        // Shard 3: the cancel travels on to ACME's market and back after the test, and other tests here compare shards 1 and 2 before and after.
        long account = accountOnShard(3, 6_200_000);
        cluster.client.submit(new Command.Deposit(account, 6_200_000_001L, io.bourse.core.ledger.Ledger.CASH, 1_000_000));
        CommandResult placed = cluster.client.submit(new Command.PlaceOrder(account, "rest-1", ACME.id(), Side.BUY, OrderType.LIMIT,
                TimeInForce.GOOD_TILL_CANCELED, 98_00, 0, 1, false));
        assertThat(placed.outcome()).isEqualTo(io.bourse.core.shard.Outcome.ACCEPTED);

        CommandAndOrder cancelled = cluster.client.submitThenReadOrder(new Command.CancelOrder(account, placed.id()), placed.id());

        assertThat(cancelled.result().outcome()).isEqualTo(io.bourse.core.shard.Outcome.ACCEPTED);
        assertThat(cancelled.order()).hasValueSatisfying(order -> {
            assertThat(order.orderId()).isEqualTo(placed.id());
            assertThat(order.accountId()).isEqualTo(account);
            assertThat(order.clientOrderId()).isEqualTo("rest-1");
        });
        CommandAndOrder unknown = cluster.client.submitThenReadOrder(new Command.CancelOrder(account, placed.id() + 1_000_000), placed.id() + 1_000_000);
        assertThat(unknown.result().isRejected()).isTrue();
        assertThat(unknown.order()).isEmpty();
    }

    @Test
    void aMalformedOrMisplacedQueryAfterACommandIsRefusedAndNothingIsApplied() {
        long account = accountOnShard(1, 6_300_000);
        byte[] deposit = CommandCodec.encode(new Command.Deposit(account, 6_300_000_001L, io.bourse.core.ledger.Ledger.CASH, 1));
        String before = hashOf(1);
        for (byte[] query : List.of(new byte[] {42}, QueryCodec.encode(new Query.Directory()))) {
            byte[] body = new BinaryWriter(64).writeInt(1).writeInt(deposit.length).writeBytes(deposit).writeInt(query.length).writeBytes(query)
                    .toByteArray();
            EngineResponse response = cluster.client.sendRaw(leaderEndpoint("shard-1"),
                    new EngineRequest(RequestKind.SUBMIT_THEN_READ, ClusterLayout.shardGroupId(1), false, body));
            assertThat(response.status()).isEqualTo(ResponseStatus.BAD_REQUEST);
            assertThat(response.message()).isNotBlank();
        }
        EngineResponse directory = cluster.client.sendRaw(leaderEndpoint("directory"),
                new EngineRequest(RequestKind.SUBMIT_THEN_READ, "directory", false, new byte[] {0, 0, 0, 0}));
        assertThat(directory.status()).isEqualTo(ResponseStatus.BAD_REQUEST);
        assertThat(hashOf(1)).isEqualTo(before);
    }
}
