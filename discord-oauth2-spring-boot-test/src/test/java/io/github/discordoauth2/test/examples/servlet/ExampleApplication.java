package io.github.discordoauth2.test.examples.servlet;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the docs' test examples test: the starter's quick start with one
 * controller ({@link ProfileController}).
 */
@SpringBootApplication
public class ExampleApplication {

}
