package io.github.discordoauth2.samples.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Entry point of the demo. Run it with {@code spring-boot:run} or {@code java -jar};
 * without a configured {@code discord.oauth2.client-id} it starts in demo mode (see
 * {@link DemoModeEnvironmentPostProcessor}).
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class DemoApplication {

	/**
	 * Starts the demo.
	 * @param args command line arguments, passed on to Spring Boot
	 */
	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
