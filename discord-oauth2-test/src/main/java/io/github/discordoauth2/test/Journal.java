package io.github.discordoauth2.test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The requests the fake has received (secrets already masked) and its counters. */
final class Journal {

	private static final int LIMIT = 10_000;

	private final Deque<RecordedRequest> entries = new ArrayDeque<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong rateLimited = new AtomicLong();

	private final AtomicLong invalid = new AtomicLong();

	void countRequest() {
		this.requests.incrementAndGet();
	}

	/**
	 * Keeps the last {@value #LIMIT} requests, so that a long run cannot exhaust memory.
	 */
	void record(RecordedRequest request) {
		synchronized (this.entries) {
			this.entries.addLast(request);
			if (this.entries.size() > LIMIT) {
				this.entries.removeFirst();
			}
		}
		int status = request.status();
		if (status == 429) {
			this.rateLimited.incrementAndGet();
		}
		if (status == 401 || status == 403 || status == 429) {
			this.invalid.incrementAndGet();
		}
	}

	List<RecordedRequest> entries() {
		synchronized (this.entries) {
			return List.copyOf(this.entries);
		}
	}

	void clear() {
		synchronized (this.entries) {
			this.entries.clear();
		}
	}

	FakeDiscordStats stats() {
		return new FakeDiscordStats(this.requests.get(), this.rateLimited.get(), this.invalid.get());
	}

	void resetStats() {
		this.requests.set(0);
		this.rateLimited.set(0);
		this.invalid.set(0);
	}

}
