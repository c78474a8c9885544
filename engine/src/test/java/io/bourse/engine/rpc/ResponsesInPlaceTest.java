package io.bourse.engine.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.RpcContext;
import com.alipay.sofa.jraft.rpc.RpcProcessor;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import io.bourse.engine.cluster.LocalPorts;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ResponsesInPlaceTest {
    private Endpoint endpoint;
    private RpcServer server;
    private RpcClient client;

    @BeforeEach
    void start() {
        RpcLibraries.configure();
        endpoint = new Endpoint("127.0.0.1", LocalPorts.free());
        server = RpcFactoryHelper.rpcFactory().createRpcServer(endpoint);
        server.registerProcessor(new Echo());
        assertThat(server.init(null)).isTrue();
        client = RpcFactoryHelper.rpcFactory().createRpcClient();
        assertThat(client.init(new RpcOptions())).isTrue();
    }

    @AfterEach
    void stop() {
        client.shutdown();
        server.shutdown();
    }

    @Test
    void anAnswerReachesACallbackWithoutAnExecutorOnTheNetworkThreadThatReadIt() throws Exception {
        CompletableFuture<String> answeredOn = new CompletableFuture<>();
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        client.invokeAsync(endpoint, new EngineRequest(RequestKind.QUERY, "shard-1", false, new byte[] {7}), (result, failure) -> {
            answeredOn.complete(Thread.currentThread().getName());
            answer.complete(result instanceof EngineResponse response ? response.body() : null);
        }, 5_000);

        assertThat(answer.get(10, TimeUnit.SECONDS)).containsExactly(7);
        // Bolt's own pool would be "Bolt-default-executor-…": one more thread woken per answer.
        assertThat(answeredOn.get()).startsWith("bolt-netty-client-worker");
    }

    /** Answers each request with its own body. */
    private static final class Echo implements RpcProcessor<EngineRequest> {
        @Override
        public void handleRequest(RpcContext context, EngineRequest request) {
            context.sendResponse(EngineResponse.ok(request.body()));
        }

        @Override
        public String interest() {
            return EngineRequest.class.getName();
        }
    }
}
