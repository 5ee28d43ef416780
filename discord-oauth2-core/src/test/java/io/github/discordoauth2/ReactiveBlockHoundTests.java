package io.github.discordoauth2;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The control for every other reactive test: BlockHound is on in their JVM and catches a
 * blocking call on a Reactor thread, so their passing means nothing blocked.
 */
@Tag("reactive")
class ReactiveBlockHoundTests {

	@BeforeAll
	static void blockHound() {
		ReactiveTesting.installBlockHound();
	}

	@Test
	void aSleepOnAParallelSchedulerIsCaught() {
		Mono<Void> sleeping = Mono.<Void>fromRunnable(ReactiveBlockHoundTests::sleep)
			.subscribeOn(Schedulers.parallel());

		StepVerifier.create(sleeping).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(10));
	}

	@Test
	void theSameSleepOffReactorThreadsIsAllowed() {
		Mono<Void> sleeping = Mono.<Void>fromRunnable(ReactiveBlockHoundTests::sleep)
			.subscribeOn(Schedulers.boundedElastic());

		StepVerifier.create(sleeping).verifyComplete();
	}

	private static void sleep() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
