package io.github.discordoauth2.model;

/**
 * Builds image URLs on Discord's CDN; animated hashes (prefix {@code a_}) get
 * {@code .gif}.
 */
final class Cdn {

	static final String BASE = "https://cdn.discordapp.com";

	private Cdn() {
	}

	static String image(String kind, long ownerId, String hash) {
		String extension = hash.startsWith("a_") ? "gif" : "png";
		return BASE + "/" + kind + "/" + Long.toUnsignedString(ownerId) + "/" + hash + "." + extension;
	}

}
