package io.bourse.simulator;

import io.bourse.client.BourseApiException;
import io.bourse.client.BourseClient;
import java.net.URI;

/** A simulated trader: a user like any other, signed up and logged in through the public API. */
final class Bot {
    final String username;
    final BourseClient client;
    final long accountId;

    private Bot(String username, BourseClient client, long accountId) {
        this.username = username;
        this.client = client;
        this.accountId = accountId;
    }

    /** Signs the bot up (or finds it signed up by an earlier run) and logs it in. */
    static Bot login(URI gateway, String username) {
        BourseClient client = new BourseClient(gateway);
        String password = "simulated-" + username;
        try {
            client.signUp(username, password);
        } catch (BourseApiException e) {
            if (!e.kind().equals("username-taken")) {
                throw e;
            }
        }
        long accountId = Long.parseLong(client.logIn(username, password).accountId());
        return new Bot(username, client, accountId);
    }

    /** Tops the bot's cash up to {@code dollars} when it has less than half of it. */
    void fund(String dollars) {
        long target = FairValue.cents(dollars);
        long cash = FairValue.cents(client.portfolio().cash());
        if (cash < target / 2) {
            client.deposit(FairValue.decimal(target - cash));
        }
    }
}
