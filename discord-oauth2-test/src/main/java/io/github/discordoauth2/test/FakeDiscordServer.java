package io.github.discordoauth2.test;

import java.io.PrintStream;
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
 * @since 0.1.0
 */
public final class FakeDiscordServer {

	private FakeDiscordServer() {
	}

	/**
	 * Parses the options, starts the fake and blocks. Run with {@code --help} for the
	 * options.
	 * @param args the command line options
	 * @throws InterruptedException when interrupted while waiting for the stop
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
		System.out.println("FakeDiscord is running at " + fake.baseUrl());
		System.out.println("  authorize: " + fake.baseUrl() + "/oauth2/authorize");
		System.out.println("  REST:      " + fake.baseUrl() + "/api/v10");
		System.out.println("  client id: " + fake.clientId() + "  (client secret and bot token as configured)");
		System.out
			.println("  redirect URIs: " + fake.redirectUris() + (fake.autoApprove() ? "  (auto-approve on)" : ""));
		System.out.println("Press Ctrl+C to stop.");
		stopped.await();
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
				case "--port", "--client-id", "--client-secret", "--bot-token", "--redirect-uri", "--host",
						"--application-name" -> {
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
				  --no-demo-data           start without the demo users and guilds""");
	}

}
