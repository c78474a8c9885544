package io.bourse.gateway.http;

/** What an endpoint answers: a status and a JSON body (none for 204), plus one optional header. */
public record Reply(int status, Object body, String headerName, String headerValue) {

    public static Reply ok(Object body) {
        return new Reply(200, body, null, null);
    }

    public static Reply created(Object body) {
        return new Reply(201, body, null, null);
    }

    public static Reply accepted(Object body) {
        return new Reply(202, body, null, null);
    }

    public static Reply noContent() {
        return new Reply(204, null, null, null);
    }

    public Reply withHeader(String name, String value) {
        return new Reply(status, body, name, value);
    }
}
