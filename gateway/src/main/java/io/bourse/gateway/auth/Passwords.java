package io.bourse.gateway.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password digests with PBKDF2-HMAC-SHA256: slow on purpose, salted, self-describing
 * ({@code pbkdf2-sha256$iterations$salt$hash}) so the work factor can rise without breaking
 * existing users. Gateways compute them; shards only store them.
 */
public final class Passwords {
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final int iterations;

    public Passwords(int iterations) {
        this.iterations = iterations;
    }

    public String digest(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} matches {@code digest}; false for anything malformed. Constant time in the hash comparison. */
    public boolean matches(String password, String digest) {
        String[] parts = digest.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return rounds > 0 && MessageDigest.isEqual(derive(password, salt, rounds), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException impossible) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", impossible);
        } finally {
            spec.clearPassword();
        }
    }
}
