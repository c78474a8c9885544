package io.bourse.gateway;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.bourse.client.model.OrderRequest;
import io.bourse.gateway.TestPlatform.Trader;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The web UI in a real headless Chromium against the test platform: sign up, deposit, buy, watch
 * the fill and the position arrive live, cancel an open order. A failing test leaves a screenshot
 * in {@code target/screenshots}.
 */
@Timeout(120)
class WebUiTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Playwright playwright;
    private static com.microsoft.playwright.Browser browser;
    private final TestPlatform platform = TestPlatform.get();
    private BrowserContext context;
    private Page page;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext extension, Throwable cause) {
            if (page != null) {
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(SCREENSHOTS.resolve(extension.getDisplayName().replaceAll("\\W+", "_") + ".png")));
            }
            closeContext();
        }

        @Override
        public void testSuccessful(ExtensionContext extension) {
            closeContext();
        }
    };

    @BeforeAll
    static void launch() {
        playwright = Browser.playwright();
        browser = playwright.chromium().launch(Browser.launchOptions());
    }

    @AfterAll
    static void shutDown() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    private void open(int width, int height) {
        context = browser.newContext(new NewContextOptions().setViewportSize(width, height));
        page = context.newPage();
        page.setDefaultTimeout(15_000);
    }

    private void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    private String signUpAndLogIn() {
        String username = platform.newUsername("web", 0);
        page.navigate(platform.uri(0) + "/#/signup");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill("password-" + username);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Portfolio"))).isVisible();
        return username;
    }

    @Test
    void aNewUserSignsUpDepositsBuysSeesTheFillAndCancelsAnOrder() {
        open(1280, 800);
        signUpAndLogIn();

        page.getByLabel("Amount (USD)").fill("5000.00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deposit")).click();
        assertThat(page.getByTestId("cash")).hasText("$5,000.00");
        assertThat(page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Transfers")).locator("tbody tr"))
                .containsText(new String[] {"deposit5,000.00"});

        // A bid for 5 ACME at 101.00 rests: nobody is selling yet.
        page.navigate(platform.uri(0) + "/#/markets/ACME");
        assertThat(page.getByTestId("band")).hasText("Prices from 90.00 to 110.00, in steps of 0.01");
        page.getByLabel("Quantity (shares)").fill("5");
        page.getByLabel("Limit price").fill("101.00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy ACME")).click();
        assertThat(page.locator("table.ladder td.bid").first()).hasText("101.00");

        // The user watches the portfolio while a seller arrives: the fill and the position show up live.
        page.navigate(platform.uri(0) + "/#/portfolio");
        assertThat(page.getByText("No positions yet")).isVisible();
        Trader seller = platform.newTrader("web-seller", 0, 1, "1000.00");
        platform.grantShares(seller.accountId(), TestPlatform.ACME, 100);
        seller.client().placeOrder(OrderRequest.limit("ACME", "sell", 5, "100.00"));
        assertThat(page.locator("#toast")).containsText("Filled: buy 5 ACME @ 101.00");
        assertThat(page.locator("tr[data-position=ACME] td").nth(1)).hasText("5");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("laptop-portfolio.png")).setFullPage(true));
        // 5,000.00 - 5 × 101.00 (the resting bid's price) - 5 × 1c maker fee
        assertThat(page.getByTestId("cash")).hasText("$4,494.95");

        // A buy below the market rests; cancel it from the open orders.
        page.navigate(platform.uri(0) + "/#/markets/ACME");
        page.getByLabel("Quantity (shares)").fill("3");
        page.getByLabel("Limit price").fill("95.00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy ACME")).click();
        assertThat(page.locator("section:has(h2:text('Your open orders')) tbody tr")).hasCount(1);
        page.locator("section:has(h2:text('Your open orders'))").getByRole(AriaRole.BUTTON,
                new com.microsoft.playwright.Locator.GetByRoleOptions().setName(Pattern.compile("Cancel order"))).click();
        assertThat(page.locator("section:has(h2:text('Your open orders')) tbody tr")).hasCount(0);
    }

    @Test
    void theApisValidationMessagesAppearNextToTheFields() {
        open(1280, 800);
        signUpAndLogIn();
        page.navigate(platform.uri(0) + "/#/markets/ACME");
        page.getByLabel("Quantity (shares)").fill("10");
        page.getByLabel("Limit price").fill("100.001");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy ACME")).click();
        assertThat(page.locator("#err-limitPrice")).containsText("at most two decimals");

        page.getByLabel("Limit price").fill("100.00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy ACME")).click();
        assertThat(page.locator("form [role=alert]")).containsText("not enough available cash");
    }

    @Test
    void aUserChangesTheirPasswordAndAWrongCurrentOneIsShownAtItsField() {
        open(1280, 800);
        String username = signUpAndLogIn();

        page.getByLabel("Current password").fill("not-my-password");
        page.getByLabel("New password").fill("a-brand-new-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.locator("#err-currentPassword")).hasText("is not your current password");

        page.getByLabel("Current password").fill("password-" + username);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.locator("#toast")).containsText("Password changed");
        assertThat(page.locator("#err-currentPassword")).isEmpty();
        platform.client(1).logIn(username, "a-brand-new-password");
    }

    @Test
    void aPageWhoseSessionEndsElsewhereReturnsToTheLogin() {
        open(1280, 800);
        signUpAndLogIn();
        String token = (String) page.evaluate("() => sessionStorage.getItem('bourse.token')");

        // Logged out from somewhere else: the gateway closes the page's stream, and the page logs out too.
        platform.client(1).useToken(token).logOut();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Log in")))
                .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15_000));
    }

    @Test
    void itWorksOnAPhoneWidthScreen() {
        open(390, 844);
        signUpAndLogIn();
        page.navigate(platform.uri(0) + "/#/markets");
        assertThat(page.locator("tr[data-symbol=ACME]")).isVisible();
        page.locator("tr[data-symbol=ACME] a").click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy ACME"))).isVisible();
        // Nothing wider than the screen: the page does not scroll sideways.
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth");
        org.assertj.core.api.Assertions.assertThat(overflow).isEqualTo(false);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("phone-instrument.png")).setFullPage(true));
    }
}
