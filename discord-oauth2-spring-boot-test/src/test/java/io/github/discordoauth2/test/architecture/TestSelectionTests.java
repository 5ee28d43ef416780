package io.github.discordoauth2.test.architecture;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux tests run in a JVM of their own, without the servlet jars. The pom picks
 * them by the JUnit tag {@code reactive} and by the name {@code Reactive*Tests}, which
 * keeps each JVM from loading classes it cannot hold before JUnit filters by tag. A class
 * with the one and not the other would run in the wrong JVM or in none, so the build
 * fails here instead.
 */
class TestSelectionTests {

	@Test
	void nameAndTagAgreeOnEveryReactiveTestClass() throws IOException, URISyntaxException {
		List<Class<?>> classes = topLevelClasses();

		assertThat(classes).filteredOn(TestSelectionTests::namedReactive)
			.as("Reactive*Tests classes next to %s", getClass().getName())
			.isNotEmpty();
		assertThat(classes).filteredOn((type) -> namedReactive(type) != taggedReactive(type))
			.as("classes named Reactive*Tests without @Tag(\"reactive\"), or tagged without the name:"
					+ " the pom needs both to run a class in the reactive execution, and neither to run it in"
					+ " the default one")
			.isEmpty();
		assertThat(classes).filteredOn((type) -> namedReactive(type) && !type.getSimpleName().endsWith("Tests"))
			.as("reactive test classes named otherwise than Reactive*Tests, which the pom's pattern misses")
			.isEmpty();
	}

	private List<Class<?>> topLevelClasses() throws IOException, URISyntaxException {
		Path root = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
		try (Stream<Path> files = Files.walk(root)) {
			return files.map((file) -> root.relativize(file).toString())
				.filter((name) -> name.endsWith(".class") && !name.contains("$") && !name.endsWith("-info.class"))
				.map((name) -> name.substring(0, name.length() - ".class".length()).replace(File.separatorChar, '.'))
				.map(this::load)
				.toList();
		}
	}

	/**
	 * Whether the name says reactive test: starts with Reactive and ends as surefire's
	 * default patterns do.
	 */
	private static boolean namedReactive(Class<?> type) {
		String name = type.getSimpleName();
		return name.startsWith("Reactive")
				&& (name.endsWith("Test") || name.endsWith("Tests") || name.endsWith("TestCase"));
	}

	// As JUnit reads tags: inherited from superclasses and through meta-annotations.
	private static boolean taggedReactive(Class<?> type) {
		return AnnotationSupport.findRepeatableAnnotations(type, Tag.class)
			.stream()
			.anyMatch((tag) -> tag.value().equals("reactive"));
	}

	// Loaded without initialising: only the annotations are read.
	private Class<?> load(String className) {
		try {
			return Class.forName(className, false, getClass().getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
