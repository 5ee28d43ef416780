package io.github.discordoauth2.security.web.server;

import io.github.discordoauth2.security.DiscordWebhookEventHandler;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers Discord's webhook events at one path ({@code POST}) in a WebFlux application,
 * in front of Spring Security: the Ed25519 signature is the authentication, so neither a
 * login nor a CSRF token applies to that path, and to no other. The check and the store
 * update run off the event loop.
 *
 * @since 0.1.0
 */
public final class DiscordWebhookEventsWebFilter implements WebFilter {

	private final DiscordWebhookEventHandler handler;

	private final String path;

	private final Scheduler scheduler;

	/**
	 * Creates the filter, handling deliveries on {@link Schedulers#boundedElastic()}.
	 * @param handler checks and handles each delivery
	 * @param path the path within the application, e.g. {@code /discord/events}
	 */
	public DiscordWebhookEventsWebFilter(DiscordWebhookEventHandler handler, String path) {
		Assert.notNull(handler, "handler must not be null");
		Assert.isTrue(path.startsWith("/"), "path must start with /");
		this.handler = handler;
		this.path = path;
		this.scheduler = Schedulers.boundedElastic();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST
				|| !this.path.equals(request.getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		String signature = request.getHeaders().getFirst("X-Signature-Ed25519");
		String timestamp = request.getHeaders().getFirst("X-Signature-Timestamp");
		return DataBufferUtils.join(request.getBody(), DiscordWebhookEventHandler.MAX_BODY_BYTES).map((buffer) -> {
			byte[] body = new byte[buffer.readableByteCount()];
			buffer.read(body);
			DataBufferUtils.release(buffer);
			return body;
		})
			.defaultIfEmpty(new byte[0])
			.publishOn(this.scheduler)
			.map((body) -> this.handler.handle(signature, timestamp, body))
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> Mono.fromCallable(() -> this.handler.handle(signature, timestamp, null))
						.subscribeOn(this.scheduler))
			.flatMap((status) -> {
				exchange.getResponse().setStatusCode(HttpStatus.valueOf(status));
				return exchange.getResponse().setComplete();
			});
	}

}
