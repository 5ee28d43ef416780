package io.github.discordoauth2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Renders Discord's {@code errors} object (field paths down to {@code _errors: [{code,
 * message}]} leaves, as in an "Invalid Form Body" answer, code 50035) as one short line
 * for an exception message: {@code path: message (CODE)} per leaf, for example
 * {@code metadata.level: Value must be an integer. (APPLICATION_ROLE_CONNECTION_METADATA_VALUE_INVALID)}.
 *
 * <p>
 * Only paths, codes and messages are rendered, never the values the request sent. Some of
 * Discord's messages quote the value they refused ({@code Value "abc" is not
 * snowflake.}), so quoted text in a message is masked; the request's secrets are scrubbed
 * from the whole exception message on top. The line is bounded: a few leaves, each cut
 * short, then a count of the rest.
 */
final class FieldErrors {

	/** Leaves shown; the rest are counted. */
	static final int MAX_LEAVES = 8;

	/** Longest message of one leaf, in characters. */
	static final int MAX_MESSAGE_CHARS = 120;

	/** Longest rendering of the whole object, in characters. */
	static final int MAX_CHARS = 600;

	private static final int MAX_PATH_CHARS = 80;

	private static final int MAX_CODE_CHARS = 64;

	/** Deeper than any form Discord validates; stops a hostile answer's recursion. */
	private static final int MAX_DEPTH = 16;

	private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

	private static final Pattern NOT_PATH = Pattern.compile("[^A-Za-z0-9_\\-]");

	private static final Pattern NOT_CODE = Pattern.compile("[^A-Za-z0-9_]");

	private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\s]+");

	private FieldErrors() {
	}

	/**
	 * @param errors Discord's {@code errors} object
	 * @return the leaves as {@code path: message (CODE)}, joined by {@code "; "}; empty
	 * when the object has no {@code _errors} leaf
	 */
	static String render(JsonNode errors) {
		List<String> leaves = new ArrayList<>();
		collect(errors, "", 0, leaves);
		StringBuilder text = new StringBuilder();
		int shown = 0;
		for (String leaf : leaves) {
			String separator = (shown > 0) ? "; " : "";
			if (shown == MAX_LEAVES || text.length() + separator.length() + leaf.length() > MAX_CHARS) {
				break;
			}
			text.append(separator).append(leaf);
			shown++;
		}
		int rest = leaves.size() - shown;
		if (rest > 0) {
			text.append((shown > 0) ? "; " : "").append("and ").append(rest).append(" more");
		}
		return text.toString();
	}

	private static void collect(JsonNode node, String path, int depth, List<String> leaves) {
		if (!node.isObject() || depth > MAX_DEPTH) {
			return;
		}
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String name = field.getKey();
			JsonNode value = field.getValue();
			if ("_errors".equals(name)) {
				if (value.isArray()) {
					for (JsonNode leaf : value) {
						leaves.add(leaf(path, leaf));
					}
				}
			}
			else {
				collect(value, append(path, name), depth + 1, leaves);
			}
		}
	}

	private static String leaf(String path, JsonNode leaf) {
		String code = (leaf.isObject()) ? DiscordJson.text(leaf, "code") : null;
		String message = (leaf.isObject()) ? DiscordJson.text(leaf, "message") : null;
		StringBuilder text = new StringBuilder(path.isEmpty() ? "(body)" : cut(path, MAX_PATH_CHARS)).append(": ");
		text.append((message != null) ? message(message) : "no message");
		if (code != null) {
			text.append(" (").append(cut(NOT_CODE.matcher(code).replaceAll("?"), MAX_CODE_CHARS)).append(")");
		}
		return text.toString();
	}

	/** {@code a.b} for names, {@code a[0]} for the indexes of a list. */
	private static String append(String path, String name) {
		if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() <= 9) {
			return path + "[" + name + "]";
		}
		String safe = NOT_PATH.matcher(name).replaceAll("?");
		return path.isEmpty() ? safe : path + "." + safe;
	}

	private static String message(String message) {
		String masked = QUOTED.matcher(message).replaceAll("\"...\"");
		return cut(CONTROL_OR_SPACE.matcher(masked).replaceAll(" ").strip(), MAX_MESSAGE_CHARS);
	}

	private static String cut(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 3) + "...";
	}

}
