package io.bourse.engine.rpc;

import com.alipay.remoting.ProtocolCode;
import com.alipay.remoting.ProtocolManager;
import com.alipay.remoting.rpc.RpcConfigs;
import com.alipay.remoting.rpc.protocol.RpcCommandCode;
import com.alipay.remoting.rpc.protocol.RpcProtocol;
import com.alipay.remoting.rpc.protocol.RpcProtocolV2;
import com.alipay.remoting.rpc.protocol.RpcResponseProcessor;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes one thread hand-off out of every RPC answer, and out of every read that carries several
 * requests.
 *
 * <p>SOFA Bolt hands each answer it reads from a socket to a pool of its own ("Bolt default
 * executor"), whose only work is to find the waiting call and pass the answer on, either to the
 * executor the caller named (SOFAJRaft names one for all its calls) or to the caller's callback,
 * which in Bourse's engine client completes a future. And several requests decoded from one read go
 * to that pool too, only to be handed on again to their processors' executors. On the 2-core
 * machines Bourse is measured on, a hand-off (a wake-up and a switch of threads) costs more than that
 * work: profiled under the gateway's closed loop, the pool's threads spent 40 % of their time in the
 * kernel's thread switching. Here both are done on the network thread that read them; what runs
 * there is a map lookup and a dispatch, never a caller's own work (SOFAJRaft's callbacks keep their
 * executors, and the engine client's callback only completes a future).
 */
final class ResponsesInPlace {
    private static boolean installed;

    private ResponsesInPlace() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        if (System.getProperty(RpcConfigs.DISPATCH_MSG_LIST_IN_DEFAULT_EXECUTOR) == null) {
            System.setProperty(RpcConfigs.DISPATCH_MSG_LIST_IN_DEFAULT_EXECUTOR, "false");
        }
        initialiseProtocols();
        for (byte code : new byte[] {RpcProtocol.PROTOCOL_CODE, RpcProtocolV2.PROTOCOL_CODE}) {
            ProtocolManager.getProtocol(ProtocolCode.fromBytes(code)).getCommandHandler()
                    .registerProcessor(RpcCommandCode.RPC_RESPONSE, new RpcResponseProcessor(new CallerRuns()));
        }
        installed = true;
    }

    /** Bolt registers its protocols when its remoting class loads; that must happen before they are changed. */
    private static void initialiseProtocols() {
        try {
            Class.forName("com.alipay.remoting.rpc.RpcRemoting", true, ResponsesInPlace.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("SOFA Bolt is not on the class path", e);
        }
    }

    /** Runs each task at once on the calling thread. */
    private static final class CallerRuns extends AbstractExecutorService {
        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
