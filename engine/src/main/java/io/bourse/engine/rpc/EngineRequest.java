package io.bourse.engine.rpc;

import java.io.Serializable;

/**
 * One request to an engine node over its RPC port. The body is Bourse's own binary encoding
 * (see {@link RequestKind}); the envelope is all the RPC layer serializes.
 */
public final class EngineRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    private int kind;
    private String groupId;
    private boolean staleReadAllowed;
    private byte[] body;

    public EngineRequest() {}

    public EngineRequest(RequestKind kind, String groupId, boolean staleReadAllowed, byte[] body) {
        this.kind = kind.ordinal();
        this.groupId = groupId;
        this.staleReadAllowed = staleReadAllowed;
        this.body = body;
    }

    /** An envelope as read from the wire, its kind still a number. */
    static EngineRequest decoded(int kind, String groupId, boolean staleReadAllowed, byte[] body) {
        EngineRequest request = new EngineRequest();
        request.kind = kind;
        request.groupId = groupId;
        request.staleReadAllowed = staleReadAllowed;
        request.body = body;
        return request;
    }

    int kindNumber() {
        return kind;
    }

    /** The kind, or null when the number is not one this release knows. */
    public RequestKind kind() {
        RequestKind[] kinds = RequestKind.values();
        return kind >= 0 && kind < kinds.length ? kinds[kind] : null;
    }

    public String groupId() {
        return groupId;
    }

    public boolean staleReadAllowed() {
        return staleReadAllowed;
    }

    public byte[] body() {
        return body;
    }
}
