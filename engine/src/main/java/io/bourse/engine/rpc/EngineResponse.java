package io.bourse.engine.rpc;

import java.io.Serializable;

/** An engine node's answer: a status, a leader hint when it is not the leader, and a body. */
public final class EngineResponse implements Serializable {
    private static final long serialVersionUID = 1L;

    private int status;
    private String leaderHint;
    private String message;
    private byte[] body;

    public EngineResponse() {}

    private EngineResponse(ResponseStatus status, String leaderHint, String message, byte[] body) {
        this.status = status.ordinal();
        this.leaderHint = leaderHint;
        this.message = message;
        this.body = body;
    }

    /** An envelope as read from the wire, its status still a number. */
    static EngineResponse decoded(int status, String leaderHint, String message, byte[] body) {
        EngineResponse response = new EngineResponse();
        response.status = status;
        response.leaderHint = leaderHint;
        response.message = message;
        response.body = body;
        return response;
    }

    int statusNumber() {
        return status;
    }

    public static EngineResponse ok(byte[] body) {
        return new EngineResponse(ResponseStatus.OK, null, null, body);
    }

    public static EngineResponse notLeader(String leaderHint) {
        return new EngineResponse(ResponseStatus.NOT_LEADER, leaderHint, "not the leader", null);
    }

    public static EngineResponse failure(ResponseStatus status, String message) {
        return new EngineResponse(status, null, message, null);
    }

    public ResponseStatus status() {
        ResponseStatus[] statuses = ResponseStatus.values();
        return status >= 0 && status < statuses.length ? statuses[status] : ResponseStatus.ERROR;
    }

    /** The leader's endpoint ("host:port") as this node knows it, or null. */
    public String leaderHint() {
        return leaderHint;
    }

    public String message() {
        return message;
    }

    public byte[] body() {
        return body;
    }
}
