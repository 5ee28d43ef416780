package io.github.discordoauth2.samples.webflux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The WebFlux demo as a person uses it, in a real headless Chromium (Debian's
 * {@code chromium} and {@code chromedriver}, as in the servlet demo's browser test): log
 * in on FakeDiscord's consent screen, see the name and servers a WebFlux controller
 * fetched with its {@code ReactiveAccessToken}, log out. Without a browser the test is
 * skipped, except under {@code CI=true}.
 */
// A blank client id: demo mode even when the shell has DISCORD_CLIENT_ID set.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "discord.oauth2.client-id=", "demo.auto-approve=false" })
class WebFluxDemoBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("demo.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("demo.chromedriver", "/usr/bin/chromedriver"));

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static Path profileDir;

	private static ChromeDriverService service;

	private static WebDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	FakeDiscord fake;

	@Autowired
	ApplicationContext context;

	@BeforeAll
	static void startChromium() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String missing = "No Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER;
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(missing + " (CI=true, so the browser test must run)");
			}
			System.err.println("[WARNING] WebFluxDemoBrowserTests skipped. " + missing);
			assumeTrue(false, missing);
		}
		profileDir = Files.createTempDirectory("webflux-demo-chromium-");
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-sync", "--user-data-dir=" + profileDir);
		browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(WAIT);
	}

	@AfterAll
	static void stopChromium() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.stop();
		}
		if (profileDir != null) {
			try (Stream<Path> files = Files.walk(profileDir)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	@Test
	void aPersonLogsInSeesTheirNameAndServersAndLogsOut() {
		assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
		browser.get(app("/"));
		clickToNextPage(By.id("login"));

		// FakeDiscord's consent screen, standing in for Discord's.
		waitForUrl(this.fake.baseUrl() + "/oauth2/authorize");
		clickToNextPage(By.cssSelector("button[name=decision][value=authorize]"));

		waitForUrl(app("/"));
		assertThat(text(By.id("viewer-name"))).isEqualTo(DemoData.GLOBAL_NAME);

		clickToNextPage(By.id("me"));
		waitForUrl(app("/me"));
		assertThat(text(By.id("display-name"))).isEqualTo(DemoData.GLOBAL_NAME);
		assertThat(text(By.id("username"))).isEqualTo(DemoData.USERNAME);
		List<String> guilds = browser.findElements(By.cssSelector("#guilds .guild"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(guilds).containsExactly(DemoData.OWNED_GUILD_NAME, DemoData.MEMBER_GUILD_NAME);

		clickToNextPage(By.id("home"));
		clickToNextPage(By.id("logout"));
		waitForUrl(app("/"));
		assertThat(browser.findElements(By.id("login"))).hasSize(1);
	}

	private String app(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** Clicks something that loads a new page and waits until the old page is gone. */
	private static void clickToNextPage(By by) {
		WebElement oldPage = browser.findElement(By.tagName("html"));
		new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
		new WebDriverWait(browser, WAIT).until(ExpectedConditions.stalenessOf(oldPage));
	}

	private static String text(By by) {
		return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
	}

	private static void waitForUrl(String prefix) {
		new WebDriverWait(browser, WAIT)
			.withMessage(() -> "expected a page at " + prefix + " but the browser is at " + browser.getCurrentUrl())
			.until(ExpectedConditions.urlMatches("^" + Pattern.quote(prefix)));
	}

}
