package io.github.discordoauth2.test;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link FakeDiscord} for a test class (static field) or
 * for each test (instance field), and injects it into test and lifecycle method
 * parameters of type {@link FakeDiscord}.
 *
 * <pre>
 * &#64;RegisterExtension
 * static FakeDiscordExtension discord = FakeDiscordExtension.withDemoData();
 *
 * &#64;Test
 * void login(FakeDiscord fake) { ... discord.fake().baseUrl() ... }
 * </pre>
 *
 * <p>
 * Between tests of one class the journal, counters, pending faults and recorded webhook
 * event deliveries are cleared; tokens, codes, seeded data and changes to guilds stay.
 *
 * @since 0.1.0
 */
public final class FakeDiscordExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final UnaryOperator<FakeDiscord.Builder> customizer;

	private @Nullable FakeDiscord fake;

	private boolean perClass;

	private int classDepth;

	private FakeDiscordExtension(UnaryOperator<FakeDiscord.Builder> customizer) {
		this.customizer = customizer;
	}

	/**
	 * A fake with {@link DemoData}, immediate approval and loopback redirects allowed.
	 * @return the extension
	 */
	public static FakeDiscordExtension withDemoData() {
		return configure(FakeDiscord.Builder::demoData);
	}

	/**
	 * A fake configured by the given function, e.g.
	 * {@code b -> b.demoData().rateLimits(...)}. The function starts from the test
	 * defaults of {@link #withDemoData()}, immediate approval and loopback redirects
	 * allowed (an app under test runs on a random {@code localhost} port), and may turn
	 * them off: {@code b -> b.demoData().autoApprove(false)}. Seed data is up to the
	 * function: call {@code demoData()} or seed your own.
	 * @param customizer configures the fake's builder
	 * @return the extension
	 */
	public static FakeDiscordExtension configure(UnaryOperator<FakeDiscord.Builder> customizer) {
		return new FakeDiscordExtension(b -> customizer.apply(b.autoApprove(true).allowLoopbackRedirects(true)));
	}

	/**
	 * The running fake; fails outside a test.
	 * @return the running fake
	 */
	public FakeDiscord fake() {
		FakeDiscord f = this.fake;
		if (f == null) {
			throw new IllegalStateException("FakeDiscord is not running: register the extension with"
					+ " @RegisterExtension and call fake() from a test or lifecycle method");
		}
		return f;
	}

	/**
	 * @return {@code fake().baseUrl()}
	 */
	public String baseUrl() {
		return fake().baseUrl();
	}

	/**
	 * Starts one fake for the whole class (static field); {@code @Nested} classes share
	 * the outer one.
	 */
	@Override
	public void beforeAll(ExtensionContext context) {
		this.perClass = true;
		if (this.classDepth++ == 0) {
			this.fake = this.customizer.apply(FakeDiscord.builder()).start();
		}
	}

	/** Stops the class-wide fake when the outermost class is done. */
	@Override
	public void afterAll(ExtensionContext context) {
		if (--this.classDepth == 0) {
			stop();
		}
	}

	/**
	 * Starts a fake per test (instance field), or clears journal, counters and faults of
	 * the class-wide one.
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.fake == null) {
			this.fake = this.customizer.apply(FakeDiscord.builder()).start();
		}
		else if (this.perClass) {
			this.fake.clearJournal();
			this.fake.resetStats();
			this.fake.faults().clear();
			this.fake.webhookEvents().clear();
		}
	}

	/** Stops a per-test fake. */
	@Override
	public void afterEach(ExtensionContext context) {
		if (!this.perClass) {
			stop();
		}
	}

	/** Parameters of type {@link FakeDiscord} are injected. */
	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == FakeDiscord.class;
	}

	/** The running fake. */
	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return fake();
	}

	private void stop() {
		FakeDiscord f = this.fake;
		this.fake = null;
		if (f != null) {
			f.close();
		}
	}

}
