package io.github.discordoauth2.login;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composition and linked-roles sections of docs/spring-boot.md show exactly the code
 * that the integration tests run ({@link CompositionSnippets}, the WebFlux account
 * linking test's application, {@code LinkedRolesApplication}).
 */
class CompositionDocsTests {

	private static final Path SNIPPETS = Path
		.of("src/test/java/io/github/discordoauth2/login/CompositionSnippets.java");

	private static final Path REACTIVE_ACCOUNT_LINKING = Path
		.of("src/test/java/io/github/discordoauth2/login/ReactiveAccountLinkingIntegrationTests.java");

	private static final Path LINKED_ROLES = Path
		.of("src/test/java/io/github/discordoauth2/linkedroles/LinkedRolesApplication.java");

	private static final Path DOCS = Path.of("../docs/spring-boot.md");

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	@ParameterizedTest
	@ValueSource(strings = { "own-chain", "beside-google", "wrap-user-service", "account-linking" })
	void docsShowTheTestedSnippet(String tag) throws IOException {
		assertDocsShow(snippet(Files.readString(SNIPPETS), tag), tag);
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactive-account-linking", "reactive-account-controller" })
	void docsShowTheTestedWebFluxSnippet(String tag) throws IOException {
		assertDocsShow(snippet(Files.readString(REACTIVE_ACCOUNT_LINKING), tag), tag);
	}

	@Test
	void docsShowTheTestedLinkedRolesApplication() throws IOException {
		assertDocsShow(snippet(Files.readString(LINKED_ROLES), "linked-roles"), "linked-roles");
	}

	private static void assertDocsShow(String snippet, String tag) throws IOException {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = JAVA_BLOCK.matcher(Files.readString(DOCS));
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		assertThat(blocks).as("a ```java block in docs/spring-boot.md equal to the '" + tag + "' snippet")
			.contains(snippet);
	}

	/**
	 * The lines between the tag lines, without their common indentation, tabs as 4
	 * spaces.
	 */
	private static String snippet(String source, String tag) {
		String start = "// tag::" + tag + "[]";
		String end = "// end::" + tag + "[]";
		String body = source.substring(source.indexOf(start) + start.length(), source.indexOf(end));
		List<String> lines = new ArrayList<>();
		for (String line : body.substring(body.indexOf('\n') + 1).split("\n", -1)) {
			lines.add(line.replace("\t", "    "));
		}
		lines.remove(lines.size() - 1);
		int indent = lines.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		StringBuilder text = new StringBuilder();
		for (String line : lines) {
			text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
		}
		return text.toString();
	}

}
