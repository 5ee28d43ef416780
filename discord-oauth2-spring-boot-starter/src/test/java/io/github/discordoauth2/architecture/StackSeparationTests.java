package io.github.discordoauth2.architecture;

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
 * The starter's packages show the stack: servlet code and reactive code never meet in one
 * class, and each lives where its package name says.
 */
class StackSeparationTests {

	private static final Path MAIN = Paths.get("src/main/java/io/github/discordoauth2");

	private static final Pattern SERVLET = Pattern
		.compile("(?m)^import (static )?(jakarta\\.servlet|org\\.springframework\\.web\\.servlet)\\.");

	private static final Pattern REACTIVE = Pattern.compile(
			"(?m)^import (static )?(reactor\\.|org\\.springframework\\.web\\.server\\.(?!ResponseStatusException;))");

	@Test
	void noClassImportsBothStacks() throws IOException {
		assertThat(sources()).filteredOn((source) -> SERVLET.matcher(read(source)).find())
			.filteredOn((source) -> REACTIVE.matcher(read(source)).find())
			.isEmpty();
	}

	@Test
	void servletTypesStayInServletPackages() throws IOException {
		assertThat(sources()).filteredOn((source) -> SERVLET.matcher(read(source)).find())
			.allSatisfy((source) -> assertThat(MAIN.relativize(source).toString().replace('\\', '/'))
				.matches("(autoconfigure/servlet|security/web)/[A-Za-z0-9]+\\.java"));
	}

	@Test
	void reactiveWebTypesStayOutOfServletPackages() throws IOException {
		assertThat(sources()).filteredOn((source) -> REACTIVE.matcher(read(source)).find())
			.allSatisfy((source) -> assertThat(MAIN.relativize(source).toString().replace('\\', '/'))
				.doesNotMatch("(autoconfigure/servlet|security/web)/[A-Za-z0-9]+\\.java"));
	}

	private static List<Path> sources() throws IOException {
		assertThat(MAIN).isDirectory();
		try (Stream<Path> files = Files.walk(MAIN)) {
			List<Path> sources = files.filter((file) -> file.toString().endsWith(".java")).toList();
			assertThat(sources).hasSizeGreaterThan(50);
			return sources;
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
