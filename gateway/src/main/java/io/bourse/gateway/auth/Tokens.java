package io.bourse.gateway.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bearer tokens, for sessions and API keys alike: {@code <account>.<credential>.<secret>}. The
 * account part routes the check to the right shard; only a digest of the 256-bit secret is
 * stored there, so a leaked snapshot reveals no usable token. The secret is random, so a fast
 * digest (SHA-256) is enough.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Parsed(long accountId, long credentialId, String secret) {}

    private Tokens() {}

    public record Issued(long credentialId, String token, String secretDigest) {}

    public static Issued issue(long accountId) {
        long credentialId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(credentialId, Long.toString(accountId, 36) + "." + Long.toString(credentialId, 36) + "." + encoded,
                digest(encoded));
    }

    /**
     * The token a retry under the same idempotency key must get again: its id and secret derived
     * from the key with HMAC, keyed by a value only the server knows (the user's password digest),
     * so knowing the idempotency key alone gives nothing away.
     */
    public static Issued reissue(long accountId, String serverSecret, String purpose, String idempotencyKey) {
        byte[] mac = hmac(serverSecret, purpose + "\n" + idempotencyKey);
        long credentialId = AccountIds.leadingLong(mac) & Long.MAX_VALUE;
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(mac, 0, 32));
        return new Issued(credentialId == 0 ? 1 : credentialId,
                Long.toString(accountId, 36) + "." + Long.toString(credentialId == 0 ? 1 : credentialId, 36) + "." + encoded,
                digest(encoded));
    }

    private static byte[] hmac(String key, String message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException("every JDK has HmacSHA256", impossible);
        }
    }

    public static String digest(String secret) {
        return HexFormat.of().formatHex(AccountIds.sha256(secret));
    }

    /** The parts of a token, or null when it is not shaped like one. */
    public static Parsed parse(String token) {
        if (token == null || token.length() > 200) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || parts[2].length() != 43) {
            return null;
        }
        try {
            long accountId = Long.parseLong(parts[0], 36);
            long credentialId = Long.parseLong(parts[1], 36);
            return accountId > 0 && credentialId > 0 ? new Parsed(accountId, credentialId, parts[2]) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
