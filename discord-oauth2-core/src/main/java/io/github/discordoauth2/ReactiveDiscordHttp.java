package io.github.discordoauth2;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The non-blocking road: the same {@link DiscordRequest}s made ready by the same
 * {@link DiscordCall}, the same rate-limit bookkeeping ({@link RateLimitHook}, asked
 * through its non-blocking forms), the same {@link AttemptPolicy} and the same
 * {@link DiscordErrors}; only the transport differs: {@link WebClient}, and waits on
 * Reactor's timers ({@link Mono#delay}) instead of a sleeping thread. Nothing on this
 * road blocks or parks the thread it runs on.
 */
final class ReactiveDiscordHttp {

	private final WebClient webClient;

	private final ApiUris uris;

	private final String userAgent;

	private final Credentials credentials;

	private final RateLimitHook rateLimitHook;

	private final Duration rateLimitMaxWait;

	/** The longest one attempt may take, from sending to the last byte of the answer. */
	private final Duration timeout;

	ReactiveDiscordHttp(WebClient webClient, ClientSettings settings) {
		this.webClient = webClient;
		this.uris = new ApiUris(settings.apiBase());
		this.userAgent = Client.userAgent();
		this.credentials = settings.credentials();
		this.rateLimitHook = settings.rateLimitHook();
		this.rateLimitMaxWait = settings.rateLimitMaxWait();
		this.timeout = settings.attemptTimeout();
	}

	/**
	 * Sends the request (on subscription) and reads its 2xx answer with {@code reader};
	 * any other answer is signalled as the typed exception.
	 */
	<T> Mono<T> send(DiscordRequest request, DiscordCall.AnswerReader<T> reader) {
		return Mono.defer(() -> {
			DiscordCall call = DiscordCall.prepare(request, this.uris, this.credentials);
			return attempt(call, new Attempts(call.request, System.nanoTime()))
				.map((response) -> reader.read(call, response));
		});
	}

	/** Sends the request and reads the 2xx body as {@code type}. */
	<T> Mono<T> send(DiscordRequest request, Class<T> type) {
		return send(request, (call, response) -> call.read(response, type));
	}

	/**
	 * Sends the request and reads the 2xx body as a JSON array of {@code elementType}.
	 */
	<T> Flux<T> sendList(DiscordRequest request, Class<T> elementType) {
		return send(request, (call, response) -> call.readList(response, elementType)).flatMapIterable((list) -> list);
	}

	/** Sends the request and completes on a 2xx answer, whatever its body. */
	Mono<Void> sendForNothing(DiscordRequest request) {
		return send(request, (call, response) -> response).then();
	}

	private Mono<DiscordResponse> attempt(DiscordCall call, Attempts attempts) {
		attempts.waitLeft = attempts.policy.nextAttempt(this.rateLimitMaxWait, System.nanoTime());
		attempts.waitedThisAttempt = 0;
		return waitForSlot(call, attempts).then(Mono.defer(() -> exchange(call))).flatMap((outcome) -> {
			DiscordResponse response = outcome.response();
			return (response != null) ? answered(call, attempts, response) : failed(call, attempts, outcome.failure());
		});
	}

	/**
	 * Asks the rate limiter for a slot; while it says wait, waits on a timer (or until an
	 * answer on the same part of the limiter's state may have freed one) and asks again.
	 * The maximum wait bounds the whole call, as on the blocking road.
	 */
	private Mono<Void> waitForSlot(DiscordCall call, Attempts attempts) {
		return Mono.defer(() -> {
			long now = System.nanoTime();
			Duration waitLeft = attempts.waitLeft.minusNanos(attempts.waitedThisAttempt);
			Sinks.Empty<Void> wakeUp = Sinks.empty();
			long wait = this.rateLimitHook.tryBeforeRequest(call.key, waitLeft.isNegative() ? Duration.ZERO : waitLeft,
					Duration.ofNanos(attempts.waitedThisAttempt), wakeUp::tryEmitEmpty);
			if (wait == 0) {
				if (attempts.waitedThisAttempt > 0) {
					this.rateLimitHook.waited(call.key, Duration.ofNanos(attempts.waitedThisAttempt));
				}
				return Mono.empty();
			}
			// A wake-up arrives on whichever thread delivered an answer; carry on on
			// Reactor's own timer threads instead.
			Mono<Void> woken = wakeUp.asMono().publishOn(Schedulers.parallel());
			return Mono.firstWithSignal(Mono.delay(Duration.ofNanos(wait)).then(), woken).then(Mono.defer(() -> {
				attempts.waitedThisAttempt += System.nanoTime() - now;
				return waitForSlot(call, attempts);
			}));
		});
	}

	private Mono<DiscordResponse> answered(DiscordCall call, Attempts attempts, DiscordResponse response) {
		RateLimitHook.Answer answer = this.rateLimitHook.tryAfterResponse(call.key, response.limits(),
				call.request.retryable);
		if (answer == RateLimitHook.Answer.BUSY) {
			return Mono.delay(RateLimiter.BUSY_WAIT).then(Mono.defer(() -> answered(call, attempts, response)));
		}
		AttemptPolicy.Decision decision = attempts.policy.afterAnswer(response.status(),
				answer == RateLimitHook.Answer.SEND_AGAIN);
		if (decision.resend()) {
			return resend(call, attempts, decision);
		}
		return Mono.fromCallable(() -> call.success(response));
	}

	private Mono<DiscordResponse> failed(DiscordCall call, Attempts attempts, Throwable ex) {
		RuntimeException failure = call.ioFailure(ex);
		if (!this.rateLimitHook.tryOnFailure(call.key, failure)) {
			return Mono.delay(RateLimiter.BUSY_WAIT).then(Mono.defer(() -> failed(call, attempts, ex)));
		}
		AttemptPolicy.Decision decision = attempts.policy.afterFailure(ex);
		if (decision.resend()) {
			return resend(call, attempts, decision);
		}
		return Mono.error(failure);
	}

	/** Carries out a resend of the {@link AttemptPolicy}: on a timer, never a sleep. */
	private Mono<DiscordResponse> resend(DiscordCall call, Attempts attempts, AttemptPolicy.Decision decision) {
		if (decision.delay().isZero()) {
			// After a 429 the limiter holds the bucket empty until its retry-after.
			return attempt(call, attempts);
		}
		return Mono.delay(decision.delay()).then(Mono.defer(() -> attempt(call, attempts)));
	}

	/**
	 * One exchange; never signals an error, so that a failure reaches the limiter and the
	 * retry rules like an answer does.
	 */
	private Mono<Outcome> exchange(DiscordCall call) {
		WebClient.RequestBodySpec spec = this.webClient.method(call.request.method)
			.uri(call.uri)
			.headers((headers) -> call.headers(headers, this.userAgent));
		byte[] body = call.body;
		MediaType contentType = call.contentType();
		WebClient.RequestHeadersSpec<?> ready = spec;
		if (body != null && contentType != null) {
			// Bytes the core wrote itself, handed to the connector as they are: the
			// builder's codecs play no part.
			ready = spec.contentType(contentType)
				.contentLength(body.length)
				.body(BodyInserters
					.fromDataBuffers(Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(body))));
		}
		// With a fallback, Reactor does not describe the chain (walking every operator's
		// name) on each subscription, as a plain timeout(Duration) does.
		return ready.exchangeToMono(this::read)
			.timeout(this.timeout,
					Mono.error(() -> new TimeoutException("Discord sent no whole answer within "
							+ this.timeout.toMillis() + " ms (the client's connect plus read timeout)")))
			.map(Outcome::answered)
			.onErrorResume((ex) -> Mono.just(Outcome.failed(ex)));
	}

	/**
	 * Reads at most {@link DiscordCall#MAX_BODY_BYTES}; a larger body is dropped unread
	 * (and its connection with it).
	 */
	private Mono<DiscordResponse> read(ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), DiscordCall.MAX_BODY_BYTES)
			.map((buffer) -> DiscordCall.response(status, headers, bytes(buffer), false))
			.switchIfEmpty(Mono.fromSupplier(() -> DiscordCall.response(status, headers, new byte[0], false)))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> Mono.just(DiscordCall.response(status, headers, new byte[0], true)));
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * What one call has been through so far: its {@link AttemptPolicy}, and how long the
	 * current attempt waited for its rate limit; touched by one signal at a time.
	 */
	private static final class Attempts {

		final AttemptPolicy policy;

		/** How long the current attempt may wait, from its start. */
		Duration waitLeft = Duration.ZERO;

		long waitedThisAttempt;

		Attempts(DiscordRequest request, long started) {
			this.policy = new AttemptPolicy(request, started);
		}

	}

	/** An answer, or the failure that took its place. */
	private record Outcome(@Nullable DiscordResponse response, Throwable failure) {

		private static final Throwable NONE = new IllegalStateException("answered");

		static Outcome answered(DiscordResponse response) {
			return new Outcome(response, NONE);
		}

		static Outcome failed(Throwable failure) {
			return new Outcome(null, failure);
		}

	}

}
