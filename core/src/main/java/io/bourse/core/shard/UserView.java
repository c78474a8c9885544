package io.bourse.core.shard;

import java.util.List;

/** A user as their account shard keeps them: name, password digest and live credentials, oldest first. */
public record UserView(long accountId, String username, String passwordDigest, long createdAtMillis,
                       List<Credential> credentials) {

    /** A login session or API key; only the digest of its secret is kept. */
    public record Credential(long credentialId, String secretDigest, int scopes, long createdAtMillis,
                             long expiresAtMillis, String label) {}

    public Credential credential(long credentialId) {
        return credentials.stream().filter(c -> c.credentialId() == credentialId).findFirst().orElse(null);
    }
}
