package io.github.discordoauth2.test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer the fake is about to write. Headers are mutable so rate limits can add
 * theirs.
 */
record Response(int status, Map<String, String> headers, byte[] body) {

	/**
	 * The marker for "close the connection without answering"; journaled with status 0.
	 */
	static final Response DISCONNECT = new Response(0, new LinkedHashMap<>(), new byte[0]);

	static Response json(int status, @Nullable Object body) {
		Response r = new Response(status, new LinkedHashMap<>(), Json.write(body).getBytes(StandardCharsets.UTF_8));
		r.headers.put("Content-Type", "application/json");
		return r;
	}

	static Response noContent() {
		return new Response(204, new LinkedHashMap<>(), new byte[0]);
	}

	static Response html(int status, String html) {
		Response r = new Response(status, new LinkedHashMap<>(), html.getBytes(StandardCharsets.UTF_8));
		r.headers.put("Content-Type", "text/html; charset=utf-8");
		return r;
	}

	static Response redirect(String location) {
		Response r = new Response(302, new LinkedHashMap<>(), new byte[0]);
		r.headers.put("Location", location);
		return r;
	}

	static Response raw(int status, String contentType, String body) {
		Response r = new Response(status, new LinkedHashMap<>(), body.getBytes(StandardCharsets.UTF_8));
		r.headers.put("Content-Type", contentType);
		return r;
	}

	Response header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}
}
