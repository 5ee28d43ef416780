package io.github.discordoauth2;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link Client} was built with, in one value that it hands to the
 * {@link ReactiveClient} made from it: both roads then send with the same credentials, to
 * the same base URL, within the same waits, and count against the same rate-limit
 * bookkeeping.
 *
 * @param clientId the application's client id
 * @param credentials the client secret and bot token
 * @param redirectUri the default redirect URI, or {@code null}
 * @param baseUrl where Discord lives, without a trailing slash
 * @param clock the clock that dates token expiries
 * @param rateLimitHook the rate-limit bookkeeping both roads share
 * @param rateLimitMaxWait the longest a call may wait for rate limits, retries included
 * @param connectTimeout how long a call waits for a connection
 * @param readTimeout how long a call waits for each read of an answer
 */
record ClientSettings(long clientId, Credentials credentials, @Nullable String redirectUri, String baseUrl, Clock clock,
		RateLimitHook rateLimitHook, Duration rateLimitMaxWait, Duration connectTimeout, Duration readTimeout) {

	/**
	 * @return {@code {baseUrl}/api/v10}, where every REST route starts
	 */
	String apiBase() {
		return this.baseUrl + "/api/v" + Client.API_VERSION;
	}

	/**
	 * @return the longest one attempt of the non-blocking road may take, from sending to
	 * the last byte of the answer: the connect plus the read timeout
	 */
	Duration attemptTimeout() {
		return this.connectTimeout.plus(this.readTimeout);
	}

}
