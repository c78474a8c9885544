package io.bourse.engine.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.remoting.rpc.protocol.RpcResponseCommand;
import io.bourse.core.codec.MalformedInputException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeSerializerTest {
    @Test
    void requestsKeepEveryField() {
        EngineRequest sent = new EngineRequest(RequestKind.QUERY, "shard-3", true, new byte[] {1, 2, 3});
        EngineRequest read = EnvelopeSerializer.decodeRequest(EnvelopeSerializer.encode(sent));

        assertThat(read.kind()).isEqualTo(RequestKind.QUERY);
        assertThat(read.groupId()).isEqualTo("shard-3");
        assertThat(read.staleReadAllowed()).isTrue();
        assertThat(read.body()).containsExactly(1, 2, 3);
    }

    @Test
    void responsesKeepAbsentFieldsAbsent() {
        EngineResponse notLeader = EnvelopeSerializer.decodeResponse(EnvelopeSerializer.encode(EngineResponse.notLeader("10.0.0.2:9000")));
        assertThat(notLeader.status()).isEqualTo(ResponseStatus.NOT_LEADER);
        assertThat(notLeader.leaderHint()).isEqualTo("10.0.0.2:9000");
        assertThat(notLeader.body()).isNull();

        EngineResponse ok = EnvelopeSerializer.decodeResponse(EnvelopeSerializer.encode(EngineResponse.ok(new byte[0])));
        assertThat(ok.status()).isEqualTo(ResponseStatus.OK);
        assertThat(ok.leaderHint()).isNull();
        assertThat(ok.message()).isNull();
        assertThat(ok.body()).isEmpty();
    }

    @Test
    void anUnknownKindSurvivesAsUnknownInsteadOfFailingTheConnection() {
        byte[] bytes = EnvelopeSerializer.encode(new EngineRequest(RequestKind.QUERY, "shard-1", false, null));
        bytes[0] = 120;
        assertThat(EnvelopeSerializer.decodeRequest(bytes).kind()).isNull();
    }

    @Test
    void truncatedOrPaddedEnvelopesAreRefused() {
        byte[] bytes = EnvelopeSerializer.encode(new EngineRequest(RequestKind.SUBMIT, "shard-1", false, new byte[] {9, 9}));
        assertThatThrownBy(() -> EnvelopeSerializer.decodeRequest(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> EnvelopeSerializer.decodeRequest(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void anAnswerThatCannotBeReadBecomesAnErrorAnswerInsteadOfAnException() {
        byte[] bytes = EnvelopeSerializer.encode(EngineResponse.ok(new byte[] {1}));
        RpcResponseCommand padded = new RpcResponseCommand();
        padded.setResponseClass(EngineResponse.class.getName());
        padded.setContent(Arrays.copyOf(bytes, bytes.length + 3));

        assertThat(new EnvelopeSerializer().deserializeContent(padded, null)).isTrue();
        EngineResponse read = (EngineResponse) padded.getResponseObject();
        assertThat(read.status()).isEqualTo(ResponseStatus.ERROR);
        assertThat(read.message()).isEqualTo("answered with an envelope this client cannot read (trailing bytes after the envelope)");

        assertThat(EnvelopeSerializer.readableOrError(new byte[] {0, 1}).status()).isEqualTo(ResponseStatus.ERROR);
        assertThat(EnvelopeSerializer.readableOrError(bytes).status()).isEqualTo(ResponseStatus.OK);
    }
}
