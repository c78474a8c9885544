package io.bourse.app;

import io.bourse.client.BourseApiException;
import io.bourse.client.BourseClient;
import java.net.URI;

/**
 * The demo user `bourse dev` prints: signed up through the public API like anyone else, and
 * funded when it has nothing (a restart finds it funded already and leaves it be).
 */
final class DemoUser {
    static final String USERNAME = "demo";
    static final String PASSWORD = "demo-password";
    static final String STARTING_CASH = "100000.00";

    record Credentials(String username, String password) {}

    private DemoUser() {}

    static Credentials ensure(URI gateway) {
        BourseClient client = new BourseClient(gateway);
        try {
            client.signUp(USERNAME, PASSWORD);
        } catch (BourseApiException e) {
            if (!e.kind().equals("username-taken")) {
                throw new IllegalStateException("creating the demo user failed: " + e.getMessage(), e);
            }
        }
        client.logIn(USERNAME, PASSWORD);
        if (client.portfolio().totalValue().equals("0.00")) {
            // A fixed key: two starts racing each other still credit it once.
            client.deposit(STARTING_CASH, "demo-user-starting-cash");
        }
        client.logOut();
        return new Credentials(USERNAME, PASSWORD);
    }
}
