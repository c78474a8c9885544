package io.bourse.engine.node;

import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.shard.CommandCodec;
import io.bourse.engine.directory.Directory;
import io.bourse.engine.query.Query;
import io.bourse.engine.query.QueryCodec;
import io.bourse.engine.raft.AppliedCommand;
import io.bourse.engine.raft.RaftReplica;
import io.bourse.engine.raft.ReplicaUnavailableException;
import io.bourse.engine.rpc.EngineRequest;
import io.bourse.engine.rpc.EngineResponse;
import io.bourse.engine.rpc.RequestKind;
import io.bourse.engine.rpc.ResponseStatus;
import io.bourse.engine.shard.ShardReads;
import io.bourse.engine.shard.ShardState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Serves Bourse's own requests on the node's RPC port: commands go to the group's leader replica
 * (batched there into log entries); queries are answered linearizably (ReadIndex) or, when the
 * caller allows, from this replica as it is.
 */
final class EngineRequestProcessor implements RpcProcessor<EngineRequest> {
    private final EngineNode node;
    /**
     * Each request starts where it arrives, on the RPC library's I/O thread: handing it to another
     * thread first costs a wake-up (a futex call, and on this project's VMs every system call is
     * dear) for work that is only decoding and a queue offer. See {@link #handleRequest}.
     */
    private static final Executor WHERE_IT_ARRIVES = Runnable::run;
    /**
     * Commands up to this many bytes are handled on the I/O thread. A bigger batch (hundreds of
     * commands) takes long enough to decode and check that it would hold up the Raft traffic sharing
     * that thread, and its hand-off costs little per command.
     */
    private static final int DECODED_WHERE_IT_ARRIVES_MAX_BYTES = 4 * 1024;
    /** Queries, feed long-polls and big batches run on virtual threads of their own, off the I/O thread. */
    private final Executor mayWait = Executors.newVirtualThreadPerTaskExecutor();

    EngineRequestProcessor(EngineNode node) {
        this.node = node;
    }

    @Override
    public Executor executor() {
        return WHERE_IT_ARRIVES;
    }

    @Override
    public String interest() {
        return EngineRequest.class.getName();
    }

    /**
     * A few commands are handled on the I/O thread: decoding them, offering them to the replica's
     * bounded batching queue (a full queue answers "overloaded") and, when no entry is in flight,
     * proposing them ({@code CommandBatcher}) never block, and the answer is sent later, from
     * wherever the batch completes. Everything else is handed to a virtual thread.
     *
     * <p>Measured with one caller committing one command at a time (three nodes in one JVM): the
     * commit took 1.21 ms instead of 1.38 ms (medians of six runs each). Handling every batch on the
     * I/O thread, big ones included, cost the engine benchmark's closed loop a tenth of its rate.
     */
    @Override
    public void handleRequest(RpcContext context, EngineRequest request) {
        boolean submit = request.kind() == RequestKind.SUBMIT || request.kind() == RequestKind.SUBMIT_THEN_READ;
        if (submit && request.body() != null && request.body().length <= DECODED_WHERE_IT_ARRIVES_MAX_BYTES) {
            respond(context, request);
        } else {
            mayWait.execute(() -> respond(context, request));
        }
    }

    private void respond(RpcContext context, EngineRequest request) {
        try {
            handle(request).whenComplete((response, failure) ->
                    context.sendResponse(failure == null ? response : toResponse(failure)));
        } catch (RuntimeException e) {
            context.sendResponse(toResponse(e));
        }
    }

    private CompletableFuture<EngineResponse> handle(EngineRequest request) {
        RequestKind kind = request.kind();
        if (kind == null || request.body() == null || request.groupId() == null) {
            return done(EngineResponse.failure(ResponseStatus.BAD_REQUEST, "malformed request"));
        }
        RaftReplica<?> replica = node.replica(request.groupId());
        if (replica == null) {
            return done(EngineResponse.failure(ResponseStatus.UNKNOWN_GROUP, "node " + node.nodeId() + " holds no replica of " + request.groupId()));
        }
        return switch (kind) {
            case SUBMIT -> submit(replica, request.body());
            case SUBMIT_THEN_READ -> submitThenRead(replica, request.body());
            case QUERY -> query(replica, QueryCodec.decode(request.body()), request.staleReadAllowed());
            case FEED -> feed(replica, request.body());
        };
    }

    private static final int MAX_FEED_EVENTS = 10_000;
    private static final int MAX_FEED_WAIT_MILLIS = 30_000;

    /** Long-polls this replica's event feed; runs on its own virtual thread, so waiting here costs nothing else. */
    private static CompletableFuture<EngineResponse> feed(RaftReplica<?> replica, byte[] body) {
        if (!(replica.state() instanceof ShardState shard)) {
            return done(EngineResponse.failure(ResponseStatus.BAD_REQUEST, "only shards have event feeds"));
        }
        BinaryReader in = new BinaryReader(body);
        long epoch = in.readLong();
        long after = in.readLong();
        int max = Math.max(1, Math.min(in.readInt(), MAX_FEED_EVENTS));
        int waitMillis = Math.max(0, Math.min(in.readInt(), MAX_FEED_WAIT_MILLIS));
        if (!in.atEnd()) {
            throw new MalformedInputException("trailing bytes after the feed request");
        }
        try {
            return done(EngineResponse.ok(shard.feed().read(epoch, after, max, waitMillis)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done(EngineResponse.failure(ResponseStatus.ERROR, "interrupted"));
        }
    }

    private CompletableFuture<EngineResponse> submit(RaftReplica<?> replica, byte[] body) {
        if (!replica.isLeader()) {
            return done(EngineResponse.notLeader(replica.leaderEndpoint()));
        }
        List<byte[]> commands = decodeCommands(body, replica.state() instanceof ShardState);
        List<CompletableFuture<byte[]>> results = new ArrayList<>(commands.size());
        for (byte[] command : commands) {
            results.add(replica.submit(command));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            BinaryWriter out = new BinaryWriter(16 * results.size() + 4).writeInt(results.size());
            results.forEach(result -> out.writeBytes(result.join()));
            return EngineResponse.ok(out.toByteArray());
        });
    }

    /**
     * Commands each followed, when the caller asked, by a read of the shard right after the
     * command's entry is applied. Every command and query is decoded before any is proposed.
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<EngineResponse> submitThenRead(RaftReplica<?> replica, byte[] body) {
        if (!(replica.state() instanceof ShardState)) {
            return done(EngineResponse.failure(ResponseStatus.BAD_REQUEST, "only shards read after a command"));
        }
        if (!replica.isLeader()) {
            return done(EngineResponse.notLeader(replica.leaderEndpoint()));
        }
        RaftReplica<ShardState> shard = (RaftReplica<ShardState>) replica;
        List<CommandThenQuery> items = decodeCommandsThenQueries(body);
        List<CompletableFuture<AppliedCommand>> results = new ArrayList<>(items.size());
        for (CommandThenQuery item : items) {
            results.add(shard.submitThenRead(item.command(),
                    item.query() == null ? null : state -> ShardReads.answer(state.machine(), item.query())));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            BinaryWriter out = new BinaryWriter(64 * results.size() + 4).writeInt(results.size());
            for (CompletableFuture<AppliedCommand> result : results) {
                AppliedCommand applied = result.join();
                out.writeBytes(applied.result());
                if (applied.readAfter() == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(applied.readAfter().length).writeBytes(applied.readAfter());
                }
            }
            return EngineResponse.ok(out.toByteArray());
        });
    }

    private record CommandThenQuery(byte[] command, Query query) {}

    private static List<CommandThenQuery> decodeCommandsThenQueries(byte[] body) {
        BinaryReader in = new BinaryReader(body);
        int count = in.readCount(9);
        List<CommandThenQuery> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] command = in.readBytes(in.readCount(1));
            BinaryReader check = new BinaryReader(command);
            CommandCodec.read(check);
            if (!check.atEnd()) {
                throw new MalformedInputException("command " + i + " has trailing bytes");
            }
            byte[] queryBytes = in.readBytes(in.readCount(1));
            Query query = queryBytes.length == 0 ? null : QueryCodec.decode(queryBytes);
            if (query instanceof Query.Directory) {
                throw new MalformedInputException("command " + i + ": shards do not answer directory queries");
            }
            items.add(new CommandThenQuery(command, query));
        }
        if (!in.atEnd()) {
            throw new MalformedInputException("trailing bytes after " + count + " commands");
        }
        return items;
    }

    /** Checks that every command decodes before any is proposed: a malformed batch changes nothing. */
    private static List<byte[]> decodeCommands(byte[] body, boolean shardCommands) {
        BinaryReader in = new BinaryReader(body);
        int count = in.readCount(5);
        List<byte[]> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] command = in.readBytes(in.readCount(1));
            if (shardCommands) {
                BinaryReader check = new BinaryReader(command);
                CommandCodec.read(check);
                if (!check.atEnd()) {
                    throw new MalformedInputException("command " + i + " has trailing bytes");
                }
            }
            commands.add(command);
        }
        if (!in.atEnd()) {
            throw new MalformedInputException("trailing bytes after " + count + " commands");
        }
        return commands;
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<EngineResponse> query(RaftReplica<?> replica, Query query, boolean staleAllowed) {
        if (replica.state() instanceof Directory) {
            if (!(query instanceof Query.Directory)) {
                return done(EngineResponse.failure(ResponseStatus.BAD_REQUEST, "the directory answers only directory queries"));
            }
            return read((RaftReplica<Directory>) replica, d -> QueryCodec.encodeDirectory(d.view()), staleAllowed);
        }
        RaftReplica<ShardState> shard = (RaftReplica<ShardState>) replica;
        if (query instanceof Query.Directory) {
            return done(EngineResponse.failure(ResponseStatus.BAD_REQUEST, "ask the directory group for the directory"));
        }
        return read(shard, state -> ShardReads.answer(state.machine(), query), staleAllowed).thenApply(response ->
                response.body() == null && response.status() == ResponseStatus.OK
                        ? EngineResponse.failure(ResponseStatus.BAD_REQUEST, "this shard does not hold that market") : response);
    }

    private <S extends io.bourse.engine.raft.ReplicatedState> CompletableFuture<EngineResponse> read(
            RaftReplica<S> replica, Function<S, byte[]> reader, boolean staleAllowed) {
        if (staleAllowed) {
            return done(EngineResponse.ok(replica.readLocal(reader)));
        }
        if (!replica.isLeader()) {
            return done(EngineResponse.notLeader(replica.leaderEndpoint()));
        }
        return replica.readLinearizable(reader).thenApply(EngineResponse::ok);
    }

    private static CompletableFuture<EngineResponse> done(EngineResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static EngineResponse toResponse(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ReplicaUnavailableException unavailable) {
            return switch (unavailable.reason()) {
                case NOT_LEADER -> EngineResponse.notLeader(unavailable.leaderHint());
                case OVERLOADED -> EngineResponse.failure(ResponseStatus.OVERLOADED, unavailable.getMessage());
                case STOPPING, FAILED -> EngineResponse.failure(ResponseStatus.ERROR, unavailable.getMessage());
            };
        }
        if (cause instanceof MalformedInputException) {
            return EngineResponse.failure(ResponseStatus.BAD_REQUEST, cause.getMessage());
        }
        return EngineResponse.failure(ResponseStatus.ERROR, cause.getClass().getSimpleName());
    }
}
