package io.github.discordoauth2.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import io.github.discordoauth2.security.tokens.DiscordTokenStore;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;

/**
 * A real token store with a pause in it: armed with {@link #holdNextRotation()}, the next
 * write of a rotated pair (a refresh that has Discord's answer and is about to save it)
 * waits until the test {@link #release()}s it, so that a test can run a logout, a revoke
 * or a cancellation in exactly that gap. Everything else goes straight to the store.
 */
public final class HoldingTokenStore implements DiscordTokenStore {

	private final DiscordTokenStore store;

	private final AtomicBoolean armed = new AtomicBoolean();

	private final AtomicReference<@Nullable OAuth2AuthorizedClient> held = new AtomicReference<>();

	private volatile CountDownLatch arrived = new CountDownLatch(1);

	private volatile CountDownLatch released = new CountDownLatch(1);

	public HoldingTokenStore(DiscordTokenStore store) {
		this.store = store;
	}

	/** The next rotation waits in front of the store until {@link #release()}. */
	public void holdNextRotation() {
		this.arrived = new CountDownLatch(1);
		this.released = new CountDownLatch(1);
		this.held.set(null);
		this.armed.set(true);
	}

	/** Waits until a refresh has Discord's answer and stands before the store. */
	public OAuth2AuthorizedClient awaitRotation() throws InterruptedException {
		if (!this.arrived.await(20, TimeUnit.SECONDS)) {
			throw new IllegalStateException("no rotation reached the store");
		}
		OAuth2AuthorizedClient rotation = this.held.get();
		if (rotation == null) {
			throw new IllegalStateException("no rotation held");
		}
		return rotation;
	}

	/** Lets the held rotation go on to the store. */
	public void release() {
		this.released.countDown();
	}

	/** The pair the held refresh obtained from Discord. */
	public @Nullable OAuth2AuthorizedClient heldRotation() {
		return this.held.get();
	}

	private void holdIfArmed(OAuth2AuthorizedClient rotation) {
		if (!this.armed.compareAndSet(true, false)) {
			return;
		}
		this.held.set(rotation);
		this.arrived.countDown();
		try {
			if (!this.released.await(20, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never released the rotation");
			}
		}
		catch (InterruptedException ex) {
			// What a JDBC call does when its thread is interrupted: the write fails.
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted before the rotated pair was written", ex);
		}
	}

	@Override
	public boolean replace(String registrationId, long userId, String expectedRefreshToken,
			OAuth2AuthorizedClient rotated) {
		holdIfArmed(rotated);
		return this.store.replace(registrationId, userId, expectedRefreshToken, rotated);
	}

	@Override
	public void save(OAuth2AuthorizedClient authorizedClient, long userId) {
		holdIfArmed(authorizedClient);
		this.store.save(authorizedClient, userId);
	}

	@Override
	public @Nullable OAuth2AuthorizedClient load(String registrationId, long userId) {
		return this.store.load(registrationId, userId);
	}

	@Override
	public boolean update(String registrationId, long userId, UnaryOperator<@Nullable OAuth2AuthorizedClient> change) {
		return this.store.update(registrationId, userId, change);
	}

	@Override
	public UserPage userIds(String registrationId, @Nullable String after, int size) {
		return this.store.userIds(registrationId, after, size);
	}

	@Override
	public @Nullable Long linkedUserId(String registrationId, String accountKey) {
		return this.store.linkedUserId(registrationId, accountKey);
	}

	@Override
	public void saveLink(String registrationId, String accountKey, long userId) {
		this.store.saveLink(registrationId, accountKey, userId);
	}

	@Override
	public int countLinks(String registrationId, long userId) {
		return this.store.countLinks(registrationId, userId);
	}

	@Override
	public boolean removeLink(String registrationId, String accountKey) {
		return this.store.removeLink(registrationId, accountKey);
	}

	@Override
	public int removeLinksTo(String registrationId, long userId) {
		return this.store.removeLinksTo(registrationId, userId);
	}

	@Override
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
			String principalName) {
		return this.store.loadAuthorizedClient(clientRegistrationId, principalName);
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
		this.store.saveAuthorizedClient(authorizedClient, principal);
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
		this.store.removeAuthorizedClient(clientRegistrationId, principalName);
	}

}
