package io.bourse.gateway;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, driven by Playwright. CI installs it (`.ci/run`) and sets
 * {@code BOURSE_REQUIRE_BROWSER=1}, so there a missing browser fails the build; on a developer's
 * machine without it the browser tests are skipped with a message saying how to install it.
 */
final class Browser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Browser() {}

    static Playwright playwright() {
        if (!Files.isExecutable(CHROMIUM)) {
            if ("1".equals(System.getenv("BOURSE_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(CHROMIUM + " is missing: apt-get install chromium");
            }
            Assumptions.abort("browser tests need Chromium at " + CHROMIUM + " (apt-get install chromium)");
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static BrowserType.LaunchOptions launchOptions() {
        return new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-quic"));
    }
}
