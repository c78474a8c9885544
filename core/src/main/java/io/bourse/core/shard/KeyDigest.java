package io.bourse.core.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a remembered idempotency key is known by: the first 128 bits of the SHA-256 of its UTF-8
 * bytes. Two different keys of one account share a digest with a chance of about one in 2^128
 * (a key is compared together with its account, so no account can reach another's keys, whatever
 * it chooses). The same on every replica and in every release: it is written into snapshots.
 */
record KeyDigest(long high, long low) {
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    });

    static KeyDigest of(String key) {
        byte[] hash = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return new KeyDigest(bigEndianLong(hash, 0), bigEndianLong(hash, 8));
    }

    private static long bigEndianLong(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = value << 8 | (bytes[i] & 0xFF);
        }
        return value;
    }
}
