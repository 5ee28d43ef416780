package io.github.discordoauth2.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.MultiValueMap;

/**
 * A {@link ClientHttpRequestFactory} on the JDK's {@link HttpURLConnection} (and its
 * keep-alive cache), made for Discord's small JSON calls; the core's default, and the one
 * the Spring Boot starter picks when the application chose none.
 *
 * <p>
 * It sends what Spring's {@code SimpleClientHttpRequestFactory} sends. The difference is
 * the cost per call: answer headers are read from the connection when asked for instead
 * of being copied into a map first, and closing an answer closes its stream (which hands
 * the connection back to the keep-alive cache, or drops it if bytes are left) instead of
 * draining it through a fresh buffer. Measured in BENCHMARKS.md, "The Client bean in a
 * Spring Boot app".
 *
 * <p>
 * Like every {@code HttpURLConnection} client it cannot send {@code PATCH}, which no
 * Discord OAuth2 route uses. Proxies come from the JVM's proxy settings unless one is
 * set.
 *
 * <p>
 * Public for the Spring Boot starter; not a stable API (see the package description).
 *
 * @since 0.1.0
 */
public final class UrlConnectionRequestFactory implements ClientHttpRequestFactory {

	private int connectTimeoutMillis = -1;

	private int readTimeoutMillis = -1;

	private boolean followRedirects = true;

	private @Nullable SSLSocketFactory sslSocketFactory;

	private @Nullable Proxy proxy;

	private volatile @Nullable KnownUrl lastUrl;

	/** Creates a factory with the JDK's defaults (no timeouts, redirects followed). */
	public UrlConnectionRequestFactory() {
	}

	/**
	 * Sets how long to wait for a connection; {@code null} or zero waits forever.
	 * @param timeout the connect timeout
	 */
	public void setConnectTimeout(@Nullable Duration timeout) {
		this.connectTimeoutMillis = millis(timeout, "connect timeout");
	}

	/**
	 * Sets how long to wait for each read of the answer; {@code null} or zero waits
	 * forever.
	 * @param timeout the read timeout
	 */
	public void setReadTimeout(@Nullable Duration timeout) {
		this.readTimeoutMillis = millis(timeout, "read timeout");
	}

	/**
	 * Sets whether {@code GET} requests follow redirects (other methods never do, as with
	 * Spring's {@code SimpleClientHttpRequestFactory}). Default {@code true}.
	 * @param followRedirects whether to follow redirects
	 */
	public void setFollowRedirects(boolean followRedirects) {
		this.followRedirects = followRedirects;
	}

	/**
	 * Sets the socket factory of {@code https} connections, for an SSL bundle or trust
	 * store of the application's own; {@code null} keeps the JVM's default.
	 * @param sslSocketFactory the socket factory
	 */
	public void setSslSocketFactory(@Nullable SSLSocketFactory sslSocketFactory) {
		this.sslSocketFactory = sslSocketFactory;
	}

	/**
	 * Sets the proxy every connection goes through; {@code null} uses the JVM's proxy
	 * settings.
	 * @param proxy the proxy
	 */
	public void setProxy(@Nullable Proxy proxy) {
		this.proxy = proxy;
	}

	/**
	 * @return the connect timeout; {@link Duration#ZERO} waits forever, {@code null}
	 * means the JDK's default
	 */
	public @Nullable Duration getConnectTimeout() {
		return (this.connectTimeoutMillis < 0) ? null : Duration.ofMillis(this.connectTimeoutMillis);
	}

	/**
	 * @return the read timeout; {@link Duration#ZERO} waits forever, {@code null} means
	 * the JDK's default
	 */
	public @Nullable Duration getReadTimeout() {
		return (this.readTimeoutMillis < 0) ? null : Duration.ofMillis(this.readTimeoutMillis);
	}

	/**
	 * @return whether {@code GET} requests follow redirects
	 */
	public boolean isFollowRedirects() {
		return this.followRedirects;
	}

	/**
	 * @return the socket factory of {@code https} connections, or {@code null} for the
	 * JVM's default
	 */
	public @Nullable SSLSocketFactory getSslSocketFactory() {
		return this.sslSocketFactory;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
		URL url = url(uri);
		URLConnection opened = (this.proxy != null) ? url.openConnection(this.proxy) : url.openConnection();
		if (!(opened instanceof HttpURLConnection connection)) {
			throw new IllegalArgumentException("Not an http or https URI: " + uri.getScheme() + "://" + uri.getHost());
		}
		if (this.connectTimeoutMillis >= 0) {
			connection.setConnectTimeout(this.connectTimeoutMillis);
		}
		if (this.readTimeoutMillis >= 0) {
			connection.setReadTimeout(this.readTimeoutMillis);
		}
		if (this.sslSocketFactory != null && connection instanceof HttpsURLConnection secure) {
			secure.setSSLSocketFactory(this.sslSocketFactory);
		}
		String name = method.name();
		connection.setInstanceFollowRedirects(this.followRedirects && "GET".equals(name));
		connection.setDoInput(true);
		connection.setDoOutput("POST".equals(name) || "PUT".equals(name) || "DELETE".equals(name));
		connection.setRequestMethod(name);
		return new UrlConnectionRequest(connection, uri, method);
	}

	/**
	 * The URL of the URI, parsed again only for another URI: the core hands in the same
	 * URI instance for every call of a route without parameters ({@code /users/@me}).
	 */
	private URL url(URI uri) throws MalformedURLException {
		KnownUrl known = this.lastUrl;
		if (known != null && known.uri == uri) {
			return known.url;
		}
		URL url = uri.toURL();
		this.lastUrl = new KnownUrl(uri, url);
		return url;
	}

	private static int millis(@Nullable Duration timeout, String what) {
		if (timeout == null) {
			return 0;
		}
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("The " + what + " must not be negative, got " + timeout);
		}
		return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
	}

	@Override
	public String toString() {
		return "UrlConnectionRequestFactory[connectTimeout=" + this.connectTimeoutMillis + "ms, readTimeout="
				+ this.readTimeoutMillis + "ms]";
	}

	private record KnownUrl(URI uri, URL url) {
	}

	/**
	 * One request on its own connection. Not Spring's abstract request: its headers would
	 * be walked through a de-duplicating view on every call, where this one walks its
	 * case-insensitive map, which has one entry per name already.
	 */
	private static final class UrlConnectionRequest implements ClientHttpRequest, StreamingHttpOutputMessage {

		private final HttpURLConnection connection;

		private final URI uri;

		private final HttpMethod method;

		private final MultiValueMap<String, String> headerMap = CollectionUtils
			.toMultiValueMap(new LinkedCaseInsensitiveMap<>(8, Locale.ROOT));

		private final HttpHeaders headers = new HttpHeaders(this.headerMap);

		private @Nullable Map<String, Object> attributes;

		private @Nullable Body body;

		private @Nullable ByteArrayOutputStream bufferedBody;

		private boolean executed;

		UrlConnectionRequest(HttpURLConnection connection, URI uri, HttpMethod method) {
			this.connection = connection;
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public Map<String, Object> getAttributes() {
			Map<String, Object> attributes = this.attributes;
			if (attributes == null) {
				attributes = new LinkedHashMap<>();
				this.attributes = attributes;
			}
			return attributes;
		}

		@Override
		public OutputStream getBody() {
			Assert.state(!this.executed && this.body == null, "Use either getBody or setBody, once, before execute");
			ByteArrayOutputStream buffered = this.bufferedBody;
			if (buffered == null) {
				buffered = new ByteArrayOutputStream(256);
				this.bufferedBody = buffered;
			}
			return buffered;
		}

		@Override
		public void setBody(Body body) {
			Assert.state(!this.executed && this.bufferedBody == null,
					"Use either getBody or setBody, once, before execute");
			this.body = body;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			Assert.state(!this.executed, "The request was already executed");
			this.executed = true;
			ByteArrayOutputStream buffered = this.bufferedBody;
			Body toWrite = (buffered != null) ? buffered::writeTo : this.body;
			if (!this.connection.getDoOutput()) {
				toWrite = null;
			}
			if (toWrite != null) {
				long length = (buffered != null) ? buffered.size() : this.headers.getContentLength();
				if (length >= 0) {
					this.connection.setFixedLengthStreamingMode(length);
				}
				else {
					this.connection.setChunkedStreamingMode(4096);
				}
			}
			if ((this.method == HttpMethod.PUT || this.method == HttpMethod.DELETE)
					&& this.headerMap.getFirst(HttpHeaders.ACCEPT) == null) {
				// HttpURLConnection would send its own Accept, which asks for HTML.
				this.connection.setRequestProperty(HttpHeaders.ACCEPT, "*/*");
			}
			this.headerMap.forEach((name, values) -> {
				if (HttpHeaders.COOKIE.equalsIgnoreCase(name)) {
					this.connection.setRequestProperty(name, String.join("; ", values));
				}
				else {
					for (String value : values) {
						this.connection.addRequestProperty(name, (value != null) ? value : "");
					}
				}
			});
			if (toWrite != null) {
				try (OutputStream out = this.connection.getOutputStream()) {
					toWrite.writeTo(out);
				}
			}
			else {
				// Sends the request now, as Spring's factory does.
				this.connection.getResponseCode();
			}
			return new UrlConnectionResponse(this.connection);
		}

	}

	/** The answer, read off the connection as it is asked for. */
	private static final class UrlConnectionResponse implements ClientHttpResponse {

		private final HttpURLConnection connection;

		private @Nullable HttpHeaders headers;

		private @Nullable InputStream body;

		UrlConnectionResponse(HttpURLConnection connection) {
			this.connection = connection;
		}

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return HttpStatusCode.valueOf(this.connection.getResponseCode());
		}

		@Override
		public String getStatusText() throws IOException {
			String message = this.connection.getResponseMessage();
			return (message != null) ? message : "";
		}

		@Override
		public HttpHeaders getHeaders() {
			HttpHeaders headers = this.headers;
			if (headers == null) {
				headers = new HttpHeaders(new UrlConnectionHeaders(this.connection));
				this.headers = headers;
			}
			return headers;
		}

		@Override
		public InputStream getBody() throws IOException {
			InputStream body = this.body;
			if (body == null) {
				InputStream stream = (this.connection.getResponseCode() >= 400) ? this.connection.getErrorStream()
						: this.connection.getInputStream();
				body = (stream != null) ? stream : InputStream.nullInputStream();
				this.body = body;
			}
			return body;
		}

		@Override
		public void close() {
			try {
				getBody().close();
			}
			catch (IOException | RuntimeException ex) {
				// The connection is dropped instead of reused; nothing else to do.
			}
		}

	}

}
