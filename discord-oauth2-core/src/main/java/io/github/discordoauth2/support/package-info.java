/**
 * Parts of the core that the Spring Boot starter builds on: the core's
 * {@code HttpURLConnection} request factory ({@link UrlConnectionRequestFactory}) and the
 * sharing of concurrent refreshes ({@link SharedCalls}, {@link ReactiveSharedCalls}).
 *
 * <p>
 * They are public only so that the starter can use them. This package is not a stable
 * API: it may change in any release without notice. Applications use
 * {@code io.github.discordoauth2} and its {@code model} and {@code exceptions} packages.
 *
 * @since 0.1.0
 */
@NullMarked
package io.github.discordoauth2.support;

import org.jspecify.annotations.NullMarked;
