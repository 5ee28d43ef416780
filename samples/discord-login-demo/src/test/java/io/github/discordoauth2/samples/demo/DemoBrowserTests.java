package io.github.discordoauth2.samples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.github.discordoauth2.test.DemoData;
import io.github.discordoauth2.test.FakeDiscord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo as a person uses it, in a real headless Chromium: log in on FakeDiscord's
 * consent screen, visit every page, join the server, update linked roles, log out; cancel
 * a login; and, signed in with the local account, connect Discord and disconnect it. Uses
 * Debian's {@code chromium} and {@code chromedriver} (never a downloaded browser).
 * Without them the test is skipped, except under {@code CI=true}, where a missing browser
 * fails the build.
 */
// A blank client id and server: demo mode even when the shell has DISCORD_CLIENT_ID etc.
// set.
// A short refresh interval, so that a role taken away ends access within a few
// seconds.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "discord.oauth2.client-id=", "demo.join-guild-id=", "demo.members-guild-id=",
				"demo.auto-approve=false", "discord.oauth2.authorities.refresh-interval=2s" })
class DemoBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("demo.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("demo.chromedriver", "/usr/bin/chromedriver"));

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static Path profileDir;

	private static ChromeDriverService service;

	private static CompletableFuture<WebDriver> starting;

	private static WebDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	FakeDiscord fake;

	@BeforeAll
	static void startChromium() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = "No Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER
				+ ": install them with `apt-get install chromium chromium-driver`";
		if (!installed) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				fail(missing + " (CI=true, so the browser test must run)");
			}
			// Said on the console too: Surefire shows a class skipped in @BeforeAll only
			// as "Tests run: 0".
			System.err.println("[WARNING] DemoBrowserTests skipped. " + missing);
			assumeTrue(false, missing + " (browser test skipped)");
		}
		profileDir = Files.createTempDirectory("demo-chromium-");
		// An explicit driver and binary: Selenium Manager never looks for (or downloads)
		// a browser.
		service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1200,720", "--user-data-dir=" + profileDir);
		// Chromium starts while Spring starts the app (the context is created after
		// @BeforeAll).
		starting = CompletableFuture.supplyAsync(() -> {
			long start = System.nanoTime();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(WAIT);
			System.out.printf("Chromium ready after %d ms%n", (System.nanoTime() - start) / 1_000_000);
			return driver;
		});
	}

	@AfterAll
	static void stopChromium() throws IOException {
		if (browser == null && starting != null) {
			browser = starting.exceptionally(ex -> null).join();
		}
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.stop();
		}
		if (profileDir != null) {
			try (Stream<Path> files = Files.walk(profileDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@BeforeEach
	void freshSession() {
		if (browser == null) {
			browser = starting.join();
		}
		this.fake.autoApprove(false);
		browser.manage().deleteAllCookies();
	}

	@Test
	void aPersonLogsInUsesEveryPageAndLogsOut() throws IOException {
		open("/");
		clickToNextPage(By.id("login"));

		// FakeDiscord's consent screen, standing in for Discord's.
		waitForUrl(this.fake.baseUrl() + "/oauth2/authorize");
		assertThat(text(By.id("title"))).contains("wants to access your Discord account");
		saveScreenshot("consent.png", false);
		clickToNextPage(By.cssSelector("button[name=decision][value=authorize]"));

		waitForUrl(app("/"));
		assertThat(text(By.id("viewer-name"))).isEqualTo(DemoData.GLOBAL_NAME);

		clickToNextPage(By.linkText("Profile"));
		waitForUrl(app("/profile"));
		assertThat(text(By.id("display-name"))).isEqualTo(DemoData.GLOBAL_NAME);
		assertThat(text(By.id("email"))).contains(DemoData.EMAIL);
		assertThat(text(By.id("mfa"))).isEqualTo("enabled");
		waitUntilImagesLoaded();
		saveScreenshot("profile.png", true);

		clickToNextPage(By.linkText("Servers"));
		waitForUrl(app("/guilds"));
		List<String> guilds = browser.findElements(By.cssSelector(".guild .title"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(guilds).containsExactly(DemoData.OWNED_GUILD_NAME + " owner", DemoData.MEMBER_GUILD_NAME);
		assertThat(text(By.id("guilds"))).contains("42 members").contains("1,234 members");
		saveScreenshot("guilds.png", false);

		clickToNextPage(By.linkText("Connections"));
		waitForUrl(app("/connections"));
		assertThat(text(By.id("connections"))).contains("github · demo-user").contains("twitch · demo_streams");
		saveScreenshot("connections.png", false);

		clickToNextPage(By.linkText("Join our server"));
		waitForUrl(app("/join"));
		assertThat(text(By.id("member-status"))).isEqualTo("not a member yet");
		clickToNextPage(By.id("join"));
		assertThat(waitForText(By.id("join-result"))).contains("added you");
		assertThat(text(By.id("member-status"))).isEqualTo("you are a member");
		clickToNextPage(By.id("join"));
		assertThat(waitForText(By.id("join-result"))).contains("already a member");
		saveScreenshot("join.png", false);

		clickToNextPage(By.linkText("Linked roles"));
		waitForUrl(app("/linked-roles"));
		clickToNextPage(By.id("register-metadata"));
		assertThat(waitForText(By.id("linked-roles-result"))).isEqualTo("Registered 3 metadata records with Discord.");
		assertThat(text(By.id("records"))).contains("verified_email");
		clickToNextPage(By.id("update-role-connection"));
		assertThat(waitForText(By.id("linked-roles-result"))).startsWith("Updated your role connection");
		assertThat(text(By.id("platform-username"))).isEqualTo(DemoData.USERNAME);
		assertThat(this.fake.roleConnection(DemoData.USER_ID)).isPresent();
		clickToNextPage(By.id("sync-everyone"));
		assertThat(waitForText(By.id("linked-roles-result"))).startsWith("Synced ").contains(" user");
		saveScreenshot("linked-roles.png", false);

		this.fake.clearJournal();
		clickToNextPage(By.id("logout"));
		waitForUrl(app("/?loggedOut"));
		assertThat(text(By.id("logged-out"))).contains("revoked");
		assertThat(browser.findElements(By.id("login"))).hasSize(1);
		saveScreenshot("logged-out.png", false);
		assertThat(this.fake.journal()).anyMatch(r -> r.path().endsWith("/oauth2/token/revoke") && r.status() == 200);
	}

	@Test
	void aLocalAccountConnectsDiscordUsesItAndDisconnects() throws IOException {
		open("/");
		clickToNextPage(By.id("local-login"));
		waitForUrl(app("/login"));
		browser.findElement(By.id("username")).sendKeys("demo");
		browser.findElement(By.id("password")).sendKeys("demo");
		clickToNextPage(By.cssSelector("form.login-form button[type=submit]"));

		// Signed in locally, no Discord account yet: the profile offers to connect one.
		waitForUrl(app("/profile"));
		assertThat(text(By.id("viewer-name"))).isEqualTo("demo");
		assertThat(text(By.id("problem-title"))).isEqualTo("Connect your Discord account");
		saveScreenshot("connect-discord.png", false);
		clickToNextPage(By.id("problem-action"));

		// Cancelled on the consent screen: back on the profile, told so, nothing
		// connected.
		waitForUrl(this.fake.baseUrl() + "/oauth2/authorize");
		clickToNextPage(By.cssSelector("button[name=decision][value=cancel]"));
		waitForUrl(app("/profile?discord-connect-error=access_denied"));
		assertThat(text(By.id("problem-what"))).contains("You chose Cancel");
		assertThat(text(By.id("viewer-name"))).isEqualTo("demo");
		clickToNextPage(By.id("problem-action"));

		// An authorization on FakeDiscord's consent screen, not a login.
		waitForUrl(this.fake.baseUrl() + "/oauth2/authorize");
		clickToNextPage(By.cssSelector("button[name=decision][value=authorize]"));

		waitForUrl(app("/profile"));
		assertThat(text(By.id("display-name"))).isEqualTo(DemoData.GLOBAL_NAME);
		assertThat(text(By.id("local-account"))).contains("demo");
		// Still the local account.
		assertThat(text(By.id("viewer-name"))).isEqualTo("demo");
		saveScreenshot("connected-discord.png", false);

		this.fake.clearJournal();
		clickToNextPage(By.id("disconnect"));

		waitForUrl(app("/profile"));
		assertThat(text(By.id("problem-title"))).isEqualTo("Connect your Discord account");
		assertThat(text(By.id("viewer-name"))).isEqualTo("demo");
		assertThat(this.fake.journal()).anyMatch(r -> r.path().endsWith("/oauth2/token/revoke") && r.status() == 200);
	}

	@Test
	void cancellingOnTheConsentScreenEndsOnAFriendlyPage() throws IOException {
		open("/");
		clickToNextPage(By.id("login"));
		waitForUrl(this.fake.baseUrl() + "/oauth2/authorize");

		clickToNextPage(By.cssSelector("button[name=decision][value=cancel]"));

		waitForUrl(app(LoginFailureController.PATH));
		assertThat(text(By.id("problem-title"))).isEqualTo("You cancelled the login");
		assertThat(text(By.id("problem-todo"))).contains("Log in again");
		saveScreenshot("login-cancelled.png", false);
		assertThat(browser.getPageSource()).doesNotContain("Whitelabel").doesNotContainIgnoringCase("exception");
		assertThat(browser.findElement(By.id("problem-action")).getAttribute("href"))
			.endsWith("/oauth2/authorization/discord");
	}

	@Test
	void aModeratorLosesTheModeratorsPageWhenTheRoleIsTakenAwayAndGetsItBack() throws IOException {
		this.fake.autoApprove(true);
		try {
			open("/");
			clickToNextPage(By.id("login"));
			waitForUrl(app("/"));
			this.fake.clearJournal();

			clickToNextPage(By.linkText("Members"));
			waitForUrl(app("/members"));
			assertThat(text(By.id("authorities"))).contains("DISCORD_GUILD_" + DemoData.MEMBER_GUILD_ID)
				.contains("ROLE_MODERATOR");
			assertThat(text(By.id("moderator-status"))).isEqualTo("moderator");
			saveScreenshot("members.png", false);
			clickToNextPage(By.id("to-moderators"));
			waitForUrl(app("/moderators"));
			assertThat(text(By.id("moderators-title"))).isEqualTo("Moderators' room");

			// A server admin takes the role away (here: the button, at FakeDiscord).
			clickToNextPage(By.linkText("Members"));
			clickToNextPage(By.id("toggle-role"));
			waitForUrl(app("/members?taken"));
			assertThat(text(By.id("role-at-discord"))).isEqualTo("do not hold");

			// Access ends on the first request after the next check, without a new
			// login.
			reloadUntilShown("/moderators", By.id("problem-title"));
			assertThat(text(By.id("problem-title"))).isEqualTo("The moderators page is not for you (yet)");
			saveScreenshot("moderators-refused.png", false);
			open("/members");
			assertThat(text(By.id("moderator-status"))).isEqualTo("not a moderator");
			assertThat(text(By.id("authorities"))).contains("DISCORD_GUILD_" + DemoData.MEMBER_GUILD_ID)
				.doesNotContain("ROLE_MODERATOR");

			// And back.
			clickToNextPage(By.id("toggle-role"));
			waitForUrl(app("/members?given"));
			reloadUntilShown("/moderators", By.id("moderators-title"));
			// All of it with the token of the one login: re-reads of the member route, no
			// new code exchange.
			assertThat(this.fake.journal()).noneMatch((request) -> request.path().endsWith("/oauth2/token"))
				.anyMatch((request) -> request.path().endsWith("/guilds/" + DemoData.MEMBER_GUILD_ID + "/member"));
		}
		finally {
			this.fake.guild(DemoData.MEMBER_GUILD_ID).member(DemoData.USER_ID).grantRole(DemoData.MODERATOR_ROLE_ID);
		}
	}

	private String app(String path) {
		return "http://localhost:" + this.port + path;
	}

	private void open(String path) {
		browser.get(app(path));
	}

	private static void click(By by) {
		new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
	}

	/**
	 * Clicks something that loads a new page and waits until the old page is gone, so
	 * that what is read next (e.g. a result notice that both pages have) comes from the
	 * new page.
	 */
	private static void clickToNextPage(By by) {
		WebElement oldPage = browser.findElement(By.tagName("html"));
		click(by);
		new WebDriverWait(browser, WAIT).until(ExpectedConditions.stalenessOf(oldPage));
	}

	private static String text(By by) {
		return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
	}

	/**
	 * Waits for an element that only the next page has (the one before it is gone first).
	 */
	private static String waitForText(By by) {
		WebDriverWait wait = new WebDriverWait(browser, WAIT);
		wait.until(driver -> {
			List<WebElement> found = driver.findElements(by);
			return !found.isEmpty() && !found.get(0).getText().isBlank();
		});
		return browser.findElement(by).getText();
	}

	private static void waitForUrl(String prefix) {
		new WebDriverWait(browser, WAIT)
			.withMessage(() -> "expected a page at " + prefix + " but the browser is at " + browser.getCurrentUrl())
			.until(ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(prefix)));
	}

	/**
	 * Opens a page again and again (each load is a request) until it shows the element:
	 * what a person does who waits for the next check.
	 */
	private void reloadUntilShown(String path, By element) {
		new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(500))
			.withMessage(() -> path + " never showed " + element)
			.until(driver -> {
				driver.get(app(path));
				return !driver.findElements(element).isEmpty();
			});
	}

	private static void waitUntilImagesLoaded() {
		new WebDriverWait(browser, WAIT).until(driver -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0);"));
	}

	/**
	 * Keeps a screenshot under target/screenshots (to look at after a run) and, for the
	 * one README shows, in docs/images.
	 */
	private static void saveScreenshot(String name, boolean forReadme) throws IOException {
		byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
		Files.write(target, png);
		String docs = System.getProperty("demo.screenshot.dir");
		if (forReadme && docs != null) {
			Files.write(Files.createDirectories(Path.of(docs)).resolve(name), png);
		}
	}

}
