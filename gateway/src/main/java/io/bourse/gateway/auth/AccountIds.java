package io.bourse.gateway.auth;

import io.bourse.core.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A user's account id is a hash of their username, so any gateway finds the user's shard from
 * the name alone, with no lookup table to keep. Two names can hash alike (about once in a million
 * sign-ups at a million users); the second is then told the name is taken and picks another.
 */
public final class AccountIds {
    private AccountIds() {}

    public static String normalize(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }

    public static long of(String normalizedUsername) {
        long id = leadingLong(sha256("bourse-account:" + normalizedUsername)) & Ledger.MAX_OWNER;
        return id == 0 ? 1 : id;
    }

    /** The first eight bytes of a digest as a long: how every id and fingerprint here is cut from a hash. */
    public static long leadingLong(byte[] digest) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
