package io.github.discordoauth2.test.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As in the starter, the packages show the stack: MockMvc support uses servlet types only
 * in {@code test.web.servlet}, WebTestClient support reactive ones only in
 * {@code test.web.reactive}, and what both share uses neither.
 */
class StackSeparationTests {

	private static final Path MAIN = Paths.get("src/main/java/io/github/discordoauth2/test/web");

	private static final Pattern SERVLET = Pattern.compile("(?m)^import (static )?(jakarta\\.servlet|"
			+ "org\\.springframework\\.web\\.servlet|org\\.springframework\\.test\\.web\\.servlet|"
			+ "org\\.springframework\\.mock\\.web\\.)");

	private static final Pattern REACTIVE = Pattern.compile("(?m)^import (static )?(reactor\\.|"
			+ "org\\.springframework\\.web\\.server\\.|org\\.springframework\\.test\\.web\\.reactive\\.)");

	@Test
	void servletTypesStayInTheServletPackage() throws IOException {
		assertThat(sources()).filteredOn((source) -> SERVLET.matcher(read(source)).find())
			.isNotEmpty()
			.allSatisfy((source) -> assertThat(relative(source)).matches("servlet/[A-Za-z0-9]+\\.java"));
	}

	@Test
	void reactiveTypesStayInTheReactivePackage() throws IOException {
		assertThat(sources()).filteredOn((source) -> REACTIVE.matcher(read(source)).find())
			.isNotEmpty()
			.allSatisfy((source) -> assertThat(relative(source)).matches("reactive/[A-Za-z0-9]+\\.java"));
	}

	private static String relative(Path source) {
		return MAIN.relativize(source).toString().replace('\\', '/');
	}

	private static List<Path> sources() throws IOException {
		assertThat(MAIN).isDirectory();
		try (Stream<Path> files = Files.walk(MAIN)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
	}

	private static String read(Path source) {
		try {
			return Files.readString(source);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
