package io.bourse.gateway;

import static io.bourse.gateway.BourseAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.client.BourseApiException;
import io.bourse.client.BourseClient;
import io.bourse.client.model.ApiKey;
import io.bourse.client.model.Order;
import io.bourse.client.model.OrderRequest;
import io.bourse.client.model.Problem;
import io.bourse.gateway.TestPlatform.Trader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nobody reads or touches another user's account or orders; credentials do only what their scopes allow. */
@Timeout(120)
class AuthorizationTest {
    private final TestPlatform platform = TestPlatform.get();

    @Test
    void anotherUsersOrderIsNotFoundForEveryOperation() {
        Trader owner = platform.newTrader("owner", 0, 0, "1000.00");
        Trader intruder = platform.newTrader("intruder", 0, 1, "1000.00");
        Order order = owner.client().placeOrder(OrderRequest.limit("ACME", "buy", 1, "90.00"));

        assertThat(problemOf(() -> intruder.client().order(order.id())).status()).isEqualTo(404);
        assertThat(problemOf(() -> intruder.client().cancelOrder(order.id())).status()).isEqualTo(404);
        assertThat(problemOf(() -> intruder.client().replaceOrder(order.id(),
                new io.bourse.client.model.ReplaceRequest("91.00", null))).status()).isEqualTo(404);
        assertThat(intruder.client().cancelAll(null).requested()).isZero();
        assertThat(intruder.client().orders("all", null, 50, null).orders()).isEmpty();

        await().atMost(Duration.ofSeconds(5)).until(() -> owner.client().order(order.id()).status().equals("new"));
        assertThat(owner.client().order(order.id()).limitPrice()).isEqualTo("90.00");
    }

    @Test
    void callsWithoutAValidTokenAreUnauthorized() {
        BourseClient anonymous = platform.client(0);
        assertThat(problemOf(anonymous::portfolio).status()).isEqualTo(401);
        assertThat(problemOf(() -> anonymous.useToken("not-a-token").portfolio()).status()).isEqualTo(401);
        // Well formed, but no such credential.
        assertThat(problemOf(() -> anonymous.useToken("abc.def." + "A".repeat(43)).portfolio()).status()).isEqualTo(401);
        assertThat(problemOf(() -> anonymous.logIn("nobody-here", "whatever-password")).status()).isEqualTo(401);
        // Market data is public.
        assertThat(platform.client(0).instruments()).isNotEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedAndATakenNameCannotBeTakenAgain() {
        Trader judy = platform.newTrader("judy", 0, 0, null);
        assertThat(problemOf(() -> platform.client(1).logIn(judy.username(), "wrong-password")).status()).isEqualTo(401);
        assertThat(problemOf(() -> platform.client(1).signUp(judy.username(), "another-password")).kind()).isEqualTo("username-taken");
        assertThat(problemOf(() -> platform.client(1).signUp(judy.username().toUpperCase(), "another-password")).kind())
                .isEqualTo("username-taken");
    }

    @Test
    void apiKeysDoWhatTheirScopesAllowAndStopWhenRevoked() {
        Trader kim = platform.newTrader("kim", 0, 0, "1000.00");
        ApiKey readOnly = kim.client().createApiKey("dashboard", List.of("read"));
        ApiKey trading = kim.client().createApiKey("bot", List.of("read", "trade"));
        BourseClient dashboard = platform.client(1).useToken(readOnly.key());
        BourseClient bot = platform.client(1).useToken(trading.key());

        assertThat(dashboard.portfolio().cash()).isEqualTo("1000.00");
        assertThat(problemOf(() -> dashboard.placeOrder(OrderRequest.limit("ACME", "buy", 1, "90.00"))).status()).isEqualTo(403);
        assertThat(bot.placeOrder(OrderRequest.limit("ACME", "buy", 1, "90.00")).status()).isEqualTo("pending_new");
        // Moving money and managing keys take a login session.
        assertThat(problemOf(() -> bot.withdraw("10.00")).status()).isEqualTo(403);
        assertThat(problemOf(() -> bot.createApiKey("more", List.of("read"))).status()).isEqualTo(403);
        assertThat(kim.client().apiKeys()).extracting(ApiKey::label).containsExactlyInAnyOrder("dashboard", "bot");
        assertThat(kim.client().apiKeys()).allSatisfy(k -> assertThat(k.key()).isNull());

        kim.client().revokeApiKey(trading.id());
        // Revocation is immediate on the gateway that revoked it, and within the cache time on the others.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(problemOf(bot::portfolio).status()).isEqualTo(401));
        assertThat(problemOf(() -> platform.client(0).useToken(trading.key()).portfolio()).status()).isEqualTo(401);
        assertThat(problemOf(() -> kim.client().revokeApiKey(trading.id())).status()).isEqualTo(404);
    }

    @Test
    void aNewPasswordEndsTheOtherSessionsAndKeepsThisOneAndTheApiKeys() {
        Trader mia = platform.newTrader("mia", 0, 0, "100.00");
        String oldPassword = "password-" + mia.username();
        BourseClient otherSession = platform.client(1);
        otherSession.logIn(mia.username(), oldPassword);
        BourseClient bot = platform.client(1).useToken(mia.client().createApiKey("bot", List.of("read")).key());

        BourseApiException wrong = problemOf(() -> mia.client().changePassword("not-my-password", "a-new-password"));
        assertThat(wrong.kind()).isEqualTo("wrong-password");
        assertThat(wrong.problem().errors()).extracting(Problem.FieldError::field).containsExactly("currentPassword");
        assertThat(problemOf(() -> mia.client().changePassword(oldPassword, "short")).problem().errors())
                .extracting(Problem.FieldError::field).containsExactly("newPassword");
        assertThat(otherSession.portfolio().cash()).as("a refused change ends nothing").isEqualTo("100.00");

        String key = BourseClient.newIdempotencyKey();
        mia.client().changePassword(oldPassword, "a-new-password", key);

        assertThat(mia.client().portfolio().cash()).as("the session that asked").isEqualTo("100.00");
        assertThat(bot.portfolio().cash()).as("an API key").isEqualTo("100.00");
        // Ended at once on the gateway that changed it, within the cache time on the others.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(problemOf(otherSession::portfolio).status()).isEqualTo(401));
        assertThat(problemOf(() -> platform.client(1).logIn(mia.username(), oldPassword)).status()).isEqualTo(401);
        BourseClient later = platform.client(1);
        later.logIn(mia.username(), "a-new-password");

        // The answer was lost, say: the same request again, whose current password no longer is, gets the
        // first answer and ends nothing more.
        mia.client().changePassword(oldPassword, "a-new-password", key);
        assertThat(later.portfolio().cash()).isEqualTo("100.00");
        assertThat(problemOf(() -> mia.client().changePassword(oldPassword, "a-third-password")).kind()).isEqualTo("wrong-password");
    }

    @Test
    void loggingOutEndsTheSession() {
        Trader leo = platform.newTrader("leo", 0, 0, null);
        String token = leo.client().token();
        leo.client().logOut();
        assertThat(problemOf(() -> platform.client(0).useToken(token).portfolio()).status()).isEqualTo(401);
    }
}
