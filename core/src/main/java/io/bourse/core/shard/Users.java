package io.bourse.core.shard;

import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command.AddCredential;
import io.bourse.core.shard.Command.ChangePassword;
import io.bourse.core.shard.Command.RegisterUser;
import io.bourse.core.shard.Command.RevokeCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The users of the accounts a shard owns, and their credentials. A user's account id is derived
 * from their username by the gateway, so the user lives on the same shard as their money and a
 * login needs no directory lookup. Secrets never reach the shard, only digests of them.
 */
final class Users {
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,31}");
    private static final int MAX_DIGEST_LENGTH = 512;
    private static final int MAX_LABEL_LENGTH = 64;

    static final class User {
        final long accountId;
        final String username;
        String passwordDigest;
        final long createdAtMillis;
        /** Oldest first. */
        final List<UserView.Credential> credentials = new ArrayList<>();

        User(long accountId, String username, String passwordDigest, long createdAtMillis) {
            this.accountId = accountId;
            this.username = username;
            this.passwordDigest = passwordDigest;
            this.createdAtMillis = createdAtMillis;
        }

        UserView view() {
            return new UserView(accountId, username, passwordDigest, createdAtMillis, List.copyOf(credentials));
        }
    }

    private final ShardContext shard;
    final Long2ObjectHashMap<User> byAccount = new Long2ObjectHashMap<>();

    Users(ShardContext shard) {
        this.shard = shard;
    }

    CommandResult register(RegisterUser command, RejectReason accountProblem) {
        if (accountProblem != null) {
            return CommandResult.rejected(accountProblem);
        }
        if (command.username() == null || !USERNAME.matcher(command.username()).matches()) {
            return CommandResult.rejected(RejectReason.INVALID_USERNAME);
        }
        if (!validText(command.passwordDigest(), MAX_DIGEST_LENGTH)) {
            return CommandResult.rejected(RejectReason.INVALID_CREDENTIAL);
        }
        if (byAccount.containsKey(command.accountId())) {
            return CommandResult.rejected(RejectReason.USERNAME_TAKEN);
        }
        byAccount.put(command.accountId(), new User(command.accountId(), command.username(), command.passwordDigest(),
                shard.logTimeMillis));
        return CommandResult.accepted(command.accountId());
    }

    CommandResult addCredential(AddCredential command, RejectReason accountProblem) {
        if (accountProblem != null) {
            return CommandResult.rejected(accountProblem);
        }
        User user = byAccount.get(command.accountId());
        if (user == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_USER);
        }
        boolean valid = command.credentialId() > 0 && validText(command.secretDigest(), MAX_DIGEST_LENGTH)
                && Scopes.valid(command.scopes()) && command.expiresAtMillis() > shard.logTimeMillis
                && (command.label() == null || command.label().length() <= MAX_LABEL_LENGTH);
        if (!valid) {
            return CommandResult.rejected(RejectReason.INVALID_CREDENTIAL);
        }
        // Expired credentials are dropped here, the one place that needs the room.
        user.credentials.removeIf(c -> c.expiresAtMillis() <= shard.logTimeMillis);
        for (UserView.Credential existing : user.credentials) {
            if (existing.credentialId() == command.credentialId()) {
                return CommandResult.rejected(RejectReason.CREDENTIAL_ID_REUSED);
            }
        }
        if (user.credentials.size() >= shard.limits.maxCredentialsPerUser()) {
            return CommandResult.rejected(RejectReason.TOO_MANY_CREDENTIALS);
        }
        user.credentials.add(new UserView.Credential(command.credentialId(), command.secretDigest(), command.scopes(),
                shard.logTimeMillis, command.expiresAtMillis(), command.label()));
        return CommandResult.accepted(command.credentialId());
    }

    CommandResult revokeCredential(RevokeCredential command, RejectReason accountProblem) {
        if (accountProblem != null) {
            return CommandResult.rejected(accountProblem);
        }
        User user = byAccount.get(command.accountId());
        boolean removed = user != null && user.credentials.removeIf(c -> c.credentialId() == command.credentialId());
        return removed ? CommandResult.accepted(command.credentialId()) : CommandResult.rejected(RejectReason.UNKNOWN_CREDENTIAL);
    }

    CommandResult changePassword(ChangePassword command, RejectReason accountProblem) {
        if (accountProblem != null) {
            return CommandResult.rejected(accountProblem);
        }
        User user = byAccount.get(command.accountId());
        if (user == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_USER);
        }
        if (!validText(command.passwordDigest(), MAX_DIGEST_LENGTH)) {
            return CommandResult.rejected(RejectReason.INVALID_CREDENTIAL);
        }
        user.passwordDigest = command.passwordDigest();
        int before = user.credentials.size();
        user.credentials.removeIf(c -> Scopes.isSession(c.scopes()) && c.credentialId() != command.keptSessionId());
        return CommandResult.accepted(before - user.credentials.size());
    }

    private static boolean validText(String text, int maxLength) {
        return text != null && !text.isEmpty() && text.length() <= maxLength;
    }
}
