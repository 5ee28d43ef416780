package io.github.discordoauth2.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test examples of README.md and docs/spring-boot.md are exactly the tests this
 * module runs.
 */
class DocsExamplesTests {

	private static final Path EXAMPLES = Path.of("src/test/java/io/github/discordoauth2/test/examples");

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	/**
	 * The tag that sends a WebFlux example to this build's reactive JVM, and its import:
	 * the build's concern, not something a reader should copy.
	 */
	private static final Set<String> BUILD_ONLY = Set.of("import org.junit.jupiter.api.Tag;", "@Tag(\"reactive\")");

	@ParameterizedTest
	@CsvSource({ "../README.md, servlet/ProfilePageTests.java, browser-test",
			"../docs/spring-boot.md, servlet/ProfilePageTests.java, browser-test",
			"../docs/spring-boot.md, servlet/ProfileControllerTests.java, mockmvc-test",
			"../docs/spring-boot.md, reactive/ReactiveProfileControllerTests.java, webtestclient-test" })
	void docsShowTheTestedExample(String doc, String source, String tag) throws IOException {
		String snippet = snippet(Files.readString(EXAMPLES.resolve(source)), tag);
		List<String> blocks = new ArrayList<>();
		Matcher matcher = JAVA_BLOCK.matcher(Files.readString(Path.of(doc)));
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		assertThat(blocks).as("a ```java block in " + doc + " equal to the '" + tag + "' example").contains(snippet);
	}

	/**
	 * The lines between the tag lines, tabs as 4 spaces, without the build's own lines.
	 */
	private static String snippet(String source, String tag) {
		String start = "// tag::" + tag + "[]";
		String end = "// end::" + tag + "[]";
		String body = source.substring(source.indexOf(start) + start.length(), source.indexOf(end));
		StringBuilder text = new StringBuilder();
		for (String line : body.substring(body.indexOf('\n') + 1).split("\n", -1)) {
			if (BUILD_ONLY.contains(line)) {
				continue;
			}
			text.append(line.replace("\t", "    ")).append('\n');
		}
		return text.substring(0, text.length() - 1);
	}

}
