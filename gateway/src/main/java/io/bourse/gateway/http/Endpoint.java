package io.bourse.gateway.http;

/** One API operation. Throws {@link ApiException} for anything the caller should hear about. */
@FunctionalInterface
public interface Endpoint {
    Reply handle(Call call);
}
