package io.github.discordoauth2;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which credentials a global 429 blocks, and until when, in bounded memory: a block is
 * forgotten once it is over. Thread-safe without a lock of its own, so that
 * {@link RateLimiter}'s stripes share it.
 */
final class GlobalBlocks {

	private final int capacity;

	/** Credential identity to the nano time until which a global 429 blocks it. */
	private final ConcurrentMap<String, Long> until = new ConcurrentHashMap<>();

	/**
	 * @param capacity past this many blocks, those that are over are dropped at once
	 */
	GlobalBlocks(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * @param tokenIdentity the credential's identity
	 * @param now the time
	 * @return how many nanoseconds the credential is still blocked, {@code 0} when it is
	 * not
	 */
	long remaining(String tokenIdentity, long now) {
		Long blockedUntil = this.until.get(tokenIdentity);
		if (blockedUntil == null) {
			return 0;
		}
		if (blockedUntil - now <= 0) {
			this.until.remove(tokenIdentity, blockedUntil);
			return 0;
		}
		return blockedUntil - now;
	}

	/**
	 * Blocks every request of a credential until a time (or longer, if it already is).
	 */
	void block(String tokenIdentity, long blockedUntil, long now) {
		this.until.merge(tokenIdentity, blockedUntil, Math::max);
		if (this.until.size() > this.capacity) {
			// Only a flood of global 429s gets here; blocks that are over go first.
			this.until.values().removeIf((end) -> end - now <= 0);
		}
	}

	/**
	 * @return how many blocks are remembered
	 */
	int size() {
		return this.until.size();
	}

}
