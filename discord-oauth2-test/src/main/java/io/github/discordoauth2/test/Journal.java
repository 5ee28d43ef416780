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
		requests.incrementAndGet();
	}

	/**
	 * Keeps the last {@value #LIMIT} requests, so that a long run cannot exhaust memory.
	 */
	void record(RecordedRequest request) {
		synchronized (entries) {
			entries.addLast(request);
			if (entries.size() > LIMIT) {
				entries.removeFirst();
			}
		}
		int status = request.status();
		if (status == 429) {
			rateLimited.incrementAndGet();
		}
		if (status == 401 || status == 403 || status == 429) {
			invalid.incrementAndGet();
		}
	}

	List<RecordedRequest> entries() {
		synchronized (entries) {
			return List.copyOf(entries);
		}
	}

	void clear() {
		synchronized (entries) {
			entries.clear();
		}
	}

	FakeDiscordStats stats() {
		return new FakeDiscordStats(requests.get(), rateLimited.get(), invalid.get());
	}

	void resetStats() {
		requests.set(0);
		rateLimited.set(0);
		invalid.set(0);
	}

}
