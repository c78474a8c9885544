package io.bourse.engine.rpc;

import com.alipay.remoting.CustomSerializerManager;
import com.alipay.remoting.DefaultCustomSerializer;
import com.alipay.remoting.InvokeContext;
import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.rpc.RequestCommand;
import com.alipay.remoting.rpc.ResponseCommand;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;
import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;

/**
 * Writes Bourse's request and response envelopes in a few bytes of our own, instead of the RPC
 * library's default (Hessian, which profiled at about a tenth of the gateway's CPU: it walks each
 * object reflectively and copies the body twice). Error answers the library makes itself (an
 * exception class, not an envelope) still go its own way.
 */
public final class EnvelopeSerializer extends DefaultCustomSerializer {
    private static final int NO_BODY = -1;

    /** Registers once per process (the library refuses a second registration for a class). */
    static synchronized void register() {
        for (String envelope : new String[] {EngineRequest.class.getName(), EngineResponse.class.getName()}) {
            if (!(CustomSerializerManager.getCustomSerializer(envelope) instanceof EnvelopeSerializer)) {
                CustomSerializerManager.registerCustomSerializer(envelope, new EnvelopeSerializer());
            }
        }
    }

    @Override
    public <T extends RequestCommand> boolean serializeContent(T request, InvokeContext context) {
        if (!(request instanceof RpcRequestCommand command && command.getRequestObject() instanceof EngineRequest envelope)) {
            return false;
        }
        command.setContent(encode(envelope));
        return true;
    }

    @Override
    public <T extends RequestCommand> boolean deserializeContent(T request) throws DeserializationException {
        if (!(request instanceof RpcRequestCommand command && EngineRequest.class.getName().equals(command.getRequestClass()))) {
            return false;
        }
        try {
            command.setRequestObject(decodeRequest(command.getContent()));
        } catch (MalformedInputException e) {
            throw new DeserializationException("malformed engine request: " + e.getMessage());
        }
        return true;
    }

    @Override
    public <T extends ResponseCommand> boolean serializeContent(T response) {
        if (!(response instanceof RpcResponseCommand command && command.getResponseObject() instanceof EngineResponse envelope)) {
            return false;
        }
        command.setContent(encode(envelope));
        return true;
    }

    /**
     * Reads an answer; one that cannot be read becomes an {@link ResponseStatus#ERROR} answer saying
     * so, never an exception. The RPC library, when it cannot read an answer to a call made with a
     * callback, logs the failure and never calls the callback: the caller, which waits for it with no
     * timer of its own, would wait forever (and with it a call slot of its gateway's engine client).
     * An error answer is retried at another replica and, failing that, ends at the call's deadline.
     */
    @Override
    public <T extends ResponseCommand> boolean deserializeContent(T response, InvokeContext context) {
        if (!(response instanceof RpcResponseCommand command && EngineResponse.class.getName().equals(command.getResponseClass()))) {
            return false;
        }
        command.setResponseObject(readableOrError(command.getContent()));
        return true;
    }

    static EngineResponse readableOrError(byte[] content) {
        try {
            return decodeResponse(content);
        } catch (RuntimeException e) {
            return EngineResponse.failure(ResponseStatus.ERROR, "answered with an envelope this client cannot read (" + e.getMessage() + ")");
        }
    }

    static byte[] encode(EngineRequest request) {
        BinaryWriter out = new BinaryWriter(32 + length(request.body()));
        out.writeByte(request.kindNumber()).writeString(request.groupId()).writeBoolean(request.staleReadAllowed());
        return writeBody(out, request.body()).toByteArray();
    }

    static EngineRequest decodeRequest(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes == null ? new byte[0] : bytes);
        int kind = in.readByte();
        String groupId = in.readString();
        boolean stale = in.readBoolean();
        byte[] body = readBody(in);
        return EngineRequest.decoded(kind, groupId, stale, body);
    }

    static byte[] encode(EngineResponse response) {
        BinaryWriter out = new BinaryWriter(32 + length(response.body()));
        out.writeByte(response.statusNumber()).writeString(response.leaderHint()).writeString(response.message());
        return writeBody(out, response.body()).toByteArray();
    }

    static EngineResponse decodeResponse(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes == null ? new byte[0] : bytes);
        int status = in.readByte();
        String leaderHint = in.readString();
        String message = in.readString();
        byte[] body = readBody(in);
        return EngineResponse.decoded(status, leaderHint, message, body);
    }

    private static int length(byte[] body) {
        return body == null ? 0 : body.length;
    }

    private static BinaryWriter writeBody(BinaryWriter out, byte[] body) {
        if (body == null) {
            return out.writeInt(NO_BODY);
        }
        return out.writeInt(body.length).writeBytes(body);
    }

    private static byte[] readBody(BinaryReader in) {
        int length = in.readInt();
        byte[] body = length == NO_BODY ? null : in.readBytes(length);
        if (!in.atEnd()) {
            throw new MalformedInputException("trailing bytes after the envelope");
        }
        return body;
    }
}
