package io.github.discordoauth2;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The core's version, for the {@code User-Agent}: read from the properties file the build
 * fills in, {@code unknown} when run from unbuilt sources.
 */
final class Version {

	static final String VALUE = load();

	private Version() {
	}

	private static String load() {
		try (InputStream in = Client.class.getResourceAsStream("discord-oauth2-core.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.isBlank() && !version.startsWith("${")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// Fall back below: the version is informational only.
		}
		return "unknown";
	}

}
