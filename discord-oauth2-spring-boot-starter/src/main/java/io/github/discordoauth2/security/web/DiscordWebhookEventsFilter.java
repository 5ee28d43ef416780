package io.github.discordoauth2.security.web;

import java.io.IOException;
import java.io.InputStream;

import io.github.discordoauth2.security.DiscordWebhookEventHandler;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers Discord's webhook events at one path ({@code POST}), in front of Spring
 * Security: the Ed25519 signature is the authentication, so neither a login nor a CSRF
 * token applies to that path, and to no other.
 *
 * @since 0.1.0
 */
public final class DiscordWebhookEventsFilter extends OncePerRequestFilter {

	private final DiscordWebhookEventHandler handler;

	private final String path;

	/**
	 * Creates the filter.
	 * @param handler checks and handles each delivery
	 * @param path the path within the application, e.g. {@code /discord/events}
	 */
	public DiscordWebhookEventsFilter(DiscordWebhookEventHandler handler, String path) {
		Assert.notNull(handler, "handler must not be null");
		Assert.isTrue(path.startsWith("/"), "path must start with /");
		this.handler = handler;
		this.path = path;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		return !("POST".equals(request.getMethod()) && this.path.equals(uri));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] body = read(request);
		int status = this.handler.handle(request.getHeader("X-Signature-Ed25519"),
				request.getHeader("X-Signature-Timestamp"), body);
		response.setStatus(status);
	}

	private static byte @Nullable [] read(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > DiscordWebhookEventHandler.MAX_BODY_BYTES) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(DiscordWebhookEventHandler.MAX_BODY_BYTES + 1);
			return (body.length > DiscordWebhookEventHandler.MAX_BODY_BYTES) ? null : body;
		}
	}

}
