package io.github.discordoauth2.test;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link FakeDiscord} with {@link DemoData} as a standalone local Discord until
 * stopped (Ctrl+C).
 *
 * <pre>
 * mvn -q -pl discord-oauth2-test compile exec:java \
 *     -Dexec.mainClass=io.github.discordoauth2.test.FakeDiscordServer -Dexec.args="--port 8090 --auto-approve"
 * </pre>
 *
 * <p>
 * At startup it prints the {@code discord.oauth2.*} properties an application needs,
 * ready to paste. The test-only admin endpoints under {@code /_fake/} change guild
 * membership and roles, remove the app for a user and send webhook PINGs while it runs.
 */
public final class FakeDiscordServer {

	private FakeDiscordServer() {
	}

	/**
	 * Parses the options, starts the fake and blocks. Run with {@code --help} for the
	 * options.
	 */
	public static void main(String[] args) throws InterruptedException {
		FakeDiscord.@Nullable Builder builder;
		try {
			builder = parse(args, System.out);
		}
		catch (IllegalArgumentException e) {
			System.err.println("FakeDiscordServer: " + e.getMessage());
			usage(System.err);
			System.exit(2);
			return;
		}
		if (builder == null) {
			return;
		}
		FakeDiscord fake = builder.start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			fake.close();
			stopped.countDown();
		}, "fake-discord-shutdown"));
		banner(fake, System.out);
		stopped.await();
	}

	/**
	 * What an application needs to talk to the fake, as {@code discord.oauth2.*}
	 * properties: base URL, client id and secret, bot token, and the public key of the
	 * signed webhook events. These are the fake's demo credentials, not real secrets.
	 */
	static Map<String, String> applicationProperties(FakeDiscord fake) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("discord.oauth2.base-url", fake.baseUrl());
		properties.put("discord.oauth2.client-id", Long.toString(fake.clientId()));
		properties.put("discord.oauth2.client-secret", fake.clientSecret());
		String botToken = fake.botToken();
		if (botToken != null) {
			properties.put("discord.oauth2.bot-token", botToken);
		}
		properties.put(FakeDiscordProperties.WEBHOOK_EVENTS_PUBLIC_KEY, fake.webhookEventsPublicKey());
		return properties;
	}

	/** The startup banner, with properties ready to paste into an app's configuration. */
	static void banner(FakeDiscord fake, PrintStream out) {
		out.println("FakeDiscord is running at " + fake.baseUrl());
		out.println("  authorize: " + fake.baseUrl() + "/oauth2/authorize");
		out.println("  REST:      " + fake.baseUrl() + "/api/v10");
		out.println("  redirect URIs: " + fake.redirectUris() + (fake.autoApprove() ? "  (auto-approve on)" : ""));
		String events = fake.webhookEvents().url();
		out.println("  webhook events: " + (events == null ? "none (--webhook-events-url <url>)" : events));
		out.println("  test-only admin: " + fake.baseUrl() + "/_fake/ (see docs/fake-discord.md)");
		out.println();
		out.println("Paste into your app's application.properties (demo credentials, not secrets):");
		applicationProperties(fake).forEach((name, value) -> out.println(name + "=" + value));
		out.println();
		out.println("Press Ctrl+C to stop.");
	}

	/**
	 * Builds the configuration from the arguments, or returns null after printing help.
	 */
	static FakeDiscord.@Nullable Builder parse(String[] args, PrintStream out) {
		FakeDiscord.Builder b = FakeDiscord.builder();
		boolean demo = true;
		long clientId = DemoData.APPLICATION_ID;
		String secret = DemoData.CLIENT_SECRET;
		boolean customRedirect = false;
		java.util.List<String> redirects = new java.util.ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String value = null;
			int eq = arg.indexOf('=');
			if (arg.startsWith("--") && eq > 0) {
				value = arg.substring(eq + 1);
				arg = arg.substring(0, eq);
			}
			switch (arg) {
				case "--help", "-h" -> {
					usage(out);
					return null;
				}
				case "--auto-approve" -> b.autoApprove(true);
				case "--allow-loopback-redirects" -> b.allowLoopbackRedirects(true);
				case "--no-demo-data" -> demo = false;
				case "--access-token-survives-refresh" -> b.accessTokenSurvivesRefresh(true);
				case "--port", "--client-id", "--client-secret", "--bot-token", "--redirect-uri", "--host",
						"--application-name", "--webhook-events-url" -> {
					if (value == null) {
						if (i + 1 >= args.length) {
							throw new IllegalArgumentException(arg + " needs a value");
						}
						value = args[++i];
					}
					switch (arg) {
						case "--port" -> b.port(Math.toIntExact(Math.min(number(arg, value), 65536)));
						case "--client-id" -> clientId = number(arg, value);
						case "--client-secret" -> secret = value;
						case "--bot-token" -> b.botToken(value);
						case "--host" -> b.host(value);
						case "--application-name" -> b.applicationName(value);
						case "--webhook-events-url" -> b.webhookEventsUrl(value);
						default -> {
							customRedirect = true;
							redirects.add(value);
						}
					}
				}
				default -> throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		if (demo) {
			b.demoData();
		}
		b.application(clientId, secret);
		redirects.forEach(b::redirectUri);
		if (!demo && !customRedirect) {
			b.allowLoopbackRedirects(true);
		}
		return b;
	}

	private static long number(String option, String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(option + " needs a number, got \"" + value + "\"");
		}
	}

	private static void usage(PrintStream out) {
		out.println("""
				Usage: FakeDiscordServer [options]
				  --port <n>               port to listen on (default: random free port)
				  --host <address>         address to bind (default 127.0.0.1; 0.0.0.0 for all)
				  --client-id <id>         application id (default 1100000000000000001)
				  --client-secret <s>      client secret (default demo-client-secret)
				  --bot-token <t>          bot token (default demo-bot-token)
				  --redirect-uri <uri>     registered redirect URI (repeatable; demo data adds
				                           http://localhost:8080/login/oauth2/code/discord)
				  --application-name <n>   name on the consent screen
				  --auto-approve           approve authorize requests at once (scripted clients)
				  --allow-loopback-redirects  accept any http://localhost:<port>/... redirect
				  --no-demo-data           start without the demo users and guilds
				  --webhook-events-url <u> send signed webhook events (PING, APPLICATION_AUTHORIZED,
				                           APPLICATION_DEAUTHORIZED) to this URL of your app
				  --access-token-survives-refresh
				                           keep old access tokens alive after a refresh (Discord
				                           kills them at once; this is the older lenient behaviour)""");
	}

}
