package io.bourse.gateway.auth;

import io.bourse.core.shard.Scopes;

/** Who is calling: an account, through one of its credentials, with that credential's scopes. */
public record Principal(long accountId, long credentialId, int scopes) {

    public boolean may(int scope) {
        return Scopes.allows(scopes, scope);
    }
}
