package io.github.discordoauth2.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Lets concurrent callers with the same key share one call and its outcome (used for
 * refreshes: Discord rotates the refresh token, so a second call with it would fail). A
 * key is remembered only while its call runs, so the state never grows with the number of
 * users.
 *
 * <p>
 * Public so that code keeping tokens elsewhere (the Spring Boot starter's token store)
 * shares refreshes the same way; not a stable API (see the package description).
 *
 * @param <V> the call's result
 * @since 0.1.0
 */
public final class SharedCalls<V> {

	/**
	 * Creates an empty set of calls.
	 */
	public SharedCalls() {
	}

	private final ConcurrentMap<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

	/**
	 * Runs the call, or waits for the one already running under this key.
	 * @param key what identifies the call (a hash, never a secret)
	 * @param call the call
	 * @return the call's result, the same object for every caller that shared it
	 * @throws RuntimeException the one the call threw, to every caller that shared it
	 */
	public V call(String key, Supplier<V> call) {
		CompletableFuture<V> mine = new CompletableFuture<>();
		CompletableFuture<V> running = this.inFlight.putIfAbsent(key, mine);
		if (running != null) {
			try {
				return running.join();
			}
			catch (CompletionException ex) {
				// The same exception the first caller got, so every caller can react the
				// same way.
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				throw ex;
			}
		}
		try {
			V result = call.get();
			mine.complete(result);
			return result;
		}
		catch (Throwable ex) {
			// Whatever happens, callers waiting on this call must not wait for ever.
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(key, mine);
		}
	}

	/**
	 * @return how many calls are running now (the state is bounded by it)
	 */
	public int size() {
		return this.inFlight.size();
	}

}
