package io.github.discordoauth2.samples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The WebFlux demo: nothing but the starter's defaults (its login, its default security
 * chain, its token store) and one controller.
 */
@SpringBootApplication
public class WebFluxDemoApplication {

	/**
	 * Starts the demo.
	 * @param args command line arguments, passed on to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(WebFluxDemoApplication.class, args);
	}

}
