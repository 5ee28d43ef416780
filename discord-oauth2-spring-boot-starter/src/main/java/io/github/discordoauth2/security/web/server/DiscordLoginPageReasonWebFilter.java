package io.github.discordoauth2.security.web.server;

import java.nio.charset.StandardCharsets;

import io.github.discordoauth2.security.DiscordAuthoritiesPolicy;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import org.springframework.web.util.HtmlUtils;

/**
 * Puts the reason of a refused Discord login (or of an ended session) on Spring
 * Security's generated WebFlux login page, which says "Invalid credentials" after any
 * failure ({@code LoginPageGeneratingWebFilter}, Spring Security 7). The reason is the
 * description of the policy's own error that
 * {@link DiscordServerAuthenticationFailureHandler} kept in the session.
 */
final class DiscordLoginPageReasonWebFilter implements WebFilter {

	static final String GENERIC_ALERT = "<div class=\"alert alert-danger\" role=\"alert\">Invalid credentials</div>";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() != HttpMethod.GET
				|| !exchange.getRequest().getQueryParams().containsKey("error")) {
			return chain.filter(exchange);
		}
		return exchange.getSession()
			.map(DiscordLoginPageReasonWebFilter::reason)
			.flatMap((reason) -> reason.isEmpty() ? chain.filter(exchange)
					: chain.filter(exchange.mutate().response(new Reasoned(exchange.getResponse(), reason)).build()));
	}

	private static String reason(WebSession session) {
		Object failure = session.getAttributes().get(WebAttributes.AUTHENTICATION_EXCEPTION);
		if (failure instanceof OAuth2AuthenticationException exception
				&& DiscordAuthoritiesPolicy.isPolicyError(exception.getError().getErrorCode())) {
			String description = exception.getError().getDescription();
			return (description != null) ? description : "";
		}
		return "";
	}

	/**
	 * The page with the reason in place of the generic alert.
	 */
	private static final class Reasoned extends ServerHttpResponseDecorator {

		private final String reason;

		Reasoned(ServerHttpResponse delegate, String reason) {
			super(delegate);
			this.reason = reason;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return DataBufferUtils.join(body).flatMap((buffer) -> {
				String html = buffer.toString(StandardCharsets.UTF_8);
				DataBufferUtils.release(buffer);
				byte[] page = replace(html, this.reason).getBytes(StandardCharsets.UTF_8);
				getHeaders().setContentLength(page.length);
				return super.writeWith(Mono.just(bufferFactory().wrap(page)));
			});
		}

		private static String replace(String html, @Nullable String reason) {
			if (reason == null || !html.contains(GENERIC_ALERT)) {
				return html;
			}
			return html.replace(GENERIC_ALERT,
					"<div class=\"alert alert-danger\" role=\"alert\">" + HtmlUtils.htmlEscape(reason) + "</div>");
		}

	}

}
