package io.github.discordoauth2.test.examples.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The WebFlux application the docs' test example tests, with one controller
 * ({@link ReactiveProfileController}).
 */
@SpringBootApplication
public class ReactiveExampleApplication {

}
