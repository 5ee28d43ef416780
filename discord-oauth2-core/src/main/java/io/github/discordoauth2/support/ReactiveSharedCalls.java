package io.github.discordoauth2.support;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * The non-blocking form of {@link SharedCalls}: subscribers that arrive with the same key
 * while a call runs share that one call and its outcome (used for refreshes: Discord
 * rotates the refresh token, so a second call with it would fail). A key is remembered
 * only while its call runs, so the state never grows with the number of users; nobody
 * waits on a lock or a thread. A subscriber that cancels leaves the call running for the
 * others and for subscribers that arrive while it runs.
 *
 * <p>
 * Public for the Spring Boot starter; not a stable API (see the package description).
 *
 * @param <V> the call's result
 * @since 0.1.0
 */
public final class ReactiveSharedCalls<V> {

	private final ConcurrentMap<String, Mono<V>> inFlight = new ConcurrentHashMap<>();

	/**
	 * Creates an empty set of calls.
	 */
	public ReactiveSharedCalls() {
	}

	/**
	 * Returns a {@link Mono} that, on subscription, starts the call or joins the one
	 * already running under this key.
	 * @param key what identifies the call (a hash, never a secret)
	 * @param call makes the call's {@link Mono}; asked once per shared call
	 * @return the call's outcome, the same value or error for every subscriber that
	 * shared it
	 */
	public Mono<V> call(String key, Supplier<Mono<V>> call) {
		return Mono.defer(() -> {
			Mono<V> running = this.inFlight.get(key);
			if (running != null) {
				return running;
			}
			CallHolder<V> holder = new CallHolder<>();
			// cache(): every subscriber gets the one outcome, the call is made once, and
			// a subscriber that cancels does not cancel it (a refresh cut off midway
			// could lose Discord's rotated token). The key goes before the outcome is
			// handed on, so a subscriber that sees it finds the call gone.
			Runnable forget = () -> this.inFlight.remove(key, holder.mono);
			Mono<V> mine = Mono.defer(call)
				.doOnSuccess((value) -> forget.run())
				.doOnError((ex) -> forget.run())
				.cache();
			holder.mono = mine;
			Mono<V> raced = this.inFlight.putIfAbsent(key, mine);
			return (raced != null) ? raced : mine;
		});
	}

	/**
	 * @return how many calls are running now (the state is bounded by it)
	 */
	public int size() {
		return this.inFlight.size();
	}

	/** Lets the call's clean-up name the very {@link Mono} it was stored as. */
	private static final class CallHolder<V> {

		@SuppressWarnings("NullAway.Init")
		Mono<V> mono;

	}

}
