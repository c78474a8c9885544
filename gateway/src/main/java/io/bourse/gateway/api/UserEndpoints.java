package io.bourse.gateway.api;

import io.bourse.client.model.ApiKey;
import io.bourse.client.model.ApiKeyRequest;
import io.bourse.client.model.LoginRequest;
import io.bourse.client.model.PasswordChangeRequest;
import io.bourse.client.model.Session;
import io.bourse.client.model.SignUpRequest;
import io.bourse.client.model.User;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.Scopes;
import io.bourse.core.shard.UserView;
import io.bourse.engine.client.EngineClient;
import io.bourse.gateway.auth.AccountIds;
import io.bourse.gateway.auth.Authenticator;
import io.bourse.gateway.auth.Passwords;
import io.bourse.gateway.auth.Tokens;
import io.bourse.gateway.http.ApiException;
import io.bourse.gateway.http.ApiRoutes;
import io.bourse.gateway.http.Call;
import io.bourse.gateway.http.RateLimiter;
import io.bourse.gateway.http.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Signing up, logging in and out, and the API keys a user gives their programs. */
public final class UserEndpoints {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,31}");
    private static final Duration API_KEY_LIFETIME = Duration.ofDays(365);

    private final EngineClient engine;
    private final Commands commands;
    private final Passwords passwords;
    private final Authenticator authenticator;
    private final Clock clock;
    private final Duration sessionLifetime;
    /** Password guesses per username, on top of the per-IP limit. */
    private final RateLimiter loginAttempts = new RateLimiter(0.5, 10);

    public UserEndpoints(EngineClient engine, Commands commands, Passwords passwords, Authenticator authenticator, Clock clock,
                         Duration sessionLifetime) {
        this.engine = engine;
        this.commands = commands;
        this.passwords = passwords;
        this.authenticator = authenticator;
        this.clock = clock;
        this.sessionLifetime = sessionLifetime;
    }

    public void register(ApiRoutes api) {
        api.post("/v1/users", ApiRoutes.PUBLIC, this::signUp);
        api.get("/v1/users/me", Scopes.READ, this::me);
        api.put("/v1/users/me/password", Scopes.ACCOUNT, this::changePassword);
        api.post("/v1/sessions", ApiRoutes.PUBLIC, this::logIn);
        api.delete("/v1/sessions/current", Scopes.ACCOUNT, this::logOut);
        api.get("/v1/api-keys", Scopes.ACCOUNT, this::listKeys);
        api.post("/v1/api-keys", Scopes.ACCOUNT, this::createKey);
        api.delete("/v1/api-keys/{id}", Scopes.ACCOUNT, this::revokeKey);
    }

    private Reply signUp(Call call) {
        SignUpRequest request = call.body(SignUpRequest.class);
        String username = checkedUsername(request.username());
        checkPassword("password", request.password());
        long accountId = AccountIds.of(username);
        // The fingerprint leaves the password out: not even a hash of it may reach the shard.
        CommandResult result = commands.submit(call, accountId,
                new Command.RegisterUser(accountId, username, passwords.digest(request.password())),
                Commands.fingerprint("sign-up\n" + username));
        Rejections.check(result);
        return Reply.created(new User(Long.toString(accountId), username, null));
    }

    private static String checkedUsername(String raw) {
        if (raw == null) {
            throw ApiException.invalid("username", "is required");
        }
        String username = AccountIds.normalize(raw);
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.invalid("username", "must be 3 to 32 letters, digits or . _ -, starting with a letter or digit");
        }
        return username;
    }

    private static void checkPassword(String field, String password) {
        if (password == null) {
            throw ApiException.invalid(field, "is required");
        }
        if (password.length() < 8 || password.length() > 128) {
            throw ApiException.invalid(field, "must be 8 to 128 characters");
        }
    }

    private Reply me(Call call) {
        UserView user = engine.user(call.accountId());
        if (user == null) {
            throw ApiException.notFound("user");
        }
        return Reply.ok(new User(Long.toString(user.accountId()), user.username(), Views.time(user.createdAtMillis())));
    }

    /**
     * A new password, given the current one. The user's other login sessions end (whoever learned
     * the old password is logged out); this session and the API keys stay. Guesses of the current
     * password count against the same per-user limit as logins. A retry of the same request under
     * the same Idempotency-Key, after its change was made, names a current password that no longer
     * is; its new password already being in effect lets it through to the shard, which gives it the
     * first answer and changes nothing.
     */
    private Reply changePassword(Call call) {
        PasswordChangeRequest request = call.body(PasswordChangeRequest.class);
        if (request.currentPassword() == null) {
            throw ApiException.invalid("currentPassword", "is required");
        }
        checkPassword("newPassword", request.newPassword());
        UserView user = engine.user(call.accountId());
        if (user == null) {
            throw ApiException.notFound("user");
        }
        long wait = loginAttempts.acquire(user.username());
        if (wait > 0) {
            throw ApiException.rateLimited(wait);
        }
        boolean current = passwords.matches(request.currentPassword(), user.passwordDigest());
        boolean alreadyChanged = call.idempotencyKey().isPresent() && passwords.matches(request.newPassword(), user.passwordDigest());
        if (!current && !alreadyChanged) {
            throw ApiException.invalidRule(422, "wrong-password", "Wrong password", "currentPassword", "is not your current password");
        }
        long session = call.principal().credentialId();
        // The fingerprint leaves both passwords out: not even a hash of them may reach the shard.
        Rejections.check(commands.submit(call, call.accountId(),
                new Command.ChangePassword(call.accountId(), passwords.digest(request.newPassword()), session),
                Commands.fingerprint("change-password\n" + call.accountId())));
        for (UserView.Credential credential : user.credentials()) {
            if (Scopes.isSession(credential.scopes()) && credential.credentialId() != session) {
                authenticator.forget(call.accountId(), credential.credentialId());
            }
        }
        return Reply.noContent();
    }

    private Reply logIn(Call call) {
        LoginRequest request = call.body(LoginRequest.class);
        if (request.username() == null || request.password() == null) {
            throw ApiException.invalid(request.username() == null ? "username" : "password", "is required");
        }
        String username = AccountIds.normalize(request.username());
        long wait = loginAttempts.acquire(username);
        if (wait > 0) {
            throw ApiException.rateLimited(wait);
        }
        long accountId = AccountIds.of(username);
        UserView user = USERNAME.matcher(username).matches() ? engine.user(accountId) : null;
        // One answer for a wrong name and a wrong password: nobody learns which names exist.
        if (user == null || !user.username().equals(username) || !passwords.matches(request.password(), user.passwordDigest())) {
            throw ApiException.unauthorized("the username or password is wrong");
        }
        long expiresAt = clock.millis() + sessionLifetime.toMillis();
        Optional<String> key = call.idempotencyKey();
        Tokens.Issued issued = key.isPresent() ? Tokens.reissue(accountId, user.passwordDigest(), "session", key.get())
                : Tokens.issue(accountId);
        Command.AddCredential add = new Command.AddCredential(accountId, issued.credentialId(), issued.secretDigest(),
                Scopes.ALL, expiresAt, "session");
        // A retry under the same key gets the same token, and the shard returns the first result.
        Rejections.check(commands.submit(call, accountId, add, Commands.fingerprint("log-in\n" + username)));
        UserView.Credential stored = key.isPresent() ? engine.user(accountId).credential(issued.credentialId()) : null;
        long expires = stored != null ? stored.expiresAtMillis() : expiresAt;
        return Reply.created(new Session(issued.token(), Long.toString(accountId), username, Views.time(expires)));
    }

    private Reply logOut(Call call) {
        revoke(call, call.principal().credentialId());
        return Reply.noContent();
    }

    private Reply listKeys(Call call) {
        UserView user = engine.user(call.accountId());
        List<ApiKey> keys = new ArrayList<>();
        if (user != null) {
            for (UserView.Credential c : user.credentials()) {
                if (!Scopes.isSession(c.scopes()) && c.expiresAtMillis() > clock.millis()) {
                    keys.add(apiKey(c, null));
                }
            }
        }
        return Reply.ok(keys);
    }

    private Reply createKey(Call call) {
        ApiKeyRequest request = call.body(ApiKeyRequest.class);
        if (request.label() == null || request.label().isBlank() || request.label().length() > 64) {
            throw ApiException.invalid("label", "must be 1 to 64 characters");
        }
        if (request.scopes() == null || request.scopes().isEmpty()) {
            throw ApiException.invalid("scopes", "must list at least one of \"read\" and \"trade\"");
        }
        int scopes = 0;
        for (String scope : request.scopes()) {
            scopes |= switch (scope == null ? "" : scope) {
                case "read" -> Scopes.READ;
                case "trade" -> Scopes.TRADE;
                default -> throw ApiException.invalid("scopes", "may contain only \"read\" and \"trade\"");
            };
        }
        long expiresAt = clock.millis() + API_KEY_LIFETIME.toMillis();
        Optional<String> key = call.idempotencyKey();
        Tokens.Issued issued = key.isPresent()
                ? Tokens.reissue(call.accountId(), engine.user(call.accountId()).passwordDigest(), "api-key", key.get())
                : Tokens.issue(call.accountId());
        Rejections.check(commands.submit(call, call.accountId(), new Command.AddCredential(call.accountId(), issued.credentialId(),
                issued.secretDigest(), scopes, expiresAt, request.label())));
        UserView.Credential created = new UserView.Credential(issued.credentialId(), issued.secretDigest(), scopes,
                clock.millis(), expiresAt, request.label());
        return Reply.created(apiKey(created, issued.token()));
    }

    private Reply revokeKey(Call call) {
        long id = parseId(call.pathParameter("id"));
        UserView user = engine.user(call.accountId());
        UserView.Credential key = user == null ? null : user.credential(id);
        if (key != null && Scopes.isSession(key.scopes())) {
            throw ApiException.notFound("API key " + call.pathParameter("id")); // a session, not a key: log out instead
        }
        // An unknown id goes to the shard too: it answers 404, or the first answer to a retry under the same key.
        revoke(call, id);
        return Reply.noContent();
    }

    private void revoke(Call call, long credentialId) {
        Rejections.check(commands.submit(call, call.accountId(), new Command.RevokeCredential(call.accountId(), credentialId)));
        authenticator.forget(call.accountId(), credentialId);
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text, 36);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("API key " + text);
        }
    }

    private static ApiKey apiKey(UserView.Credential c, String secret) {
        List<String> scopes = new ArrayList<>();
        if (Scopes.allows(c.scopes(), Scopes.READ)) {
            scopes.add("read");
        }
        if (Scopes.allows(c.scopes(), Scopes.TRADE)) {
            scopes.add("trade");
        }
        return new ApiKey(Long.toString(c.credentialId(), 36), c.label(), scopes, Views.time(c.createdAtMillis()),
                Views.time(c.expiresAtMillis()), secret);
    }
}
