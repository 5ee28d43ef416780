package io.github.discordoauth2;

import org.jspecify.annotations.Nullable;

/**
 * One answer from Discord as the request road read it off the wire, before it is decoded
 * into a model or an exception.
 *
 * @param status the HTTP status
 * @param body the body, at most {@link DiscordCall#MAX_BODY_BYTES}; empty when it was
 * larger and left unread
 * @param tooLarge whether the body was larger than {@link DiscordCall#MAX_BODY_BYTES}
 * @param contentType the {@code Content-Type}, or {@code null}
 * @param limits what the answer says about rate limits
 */
record DiscordResponse(int status, byte[] body, boolean tooLarge, @Nullable String contentType,
		RateLimitResponse limits) {

	boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

	String describeContentType() {
		return (this.contentType != null) ? this.contentType : "no content type";
	}

	boolean isBlank() {
		for (byte b : this.body) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

}
