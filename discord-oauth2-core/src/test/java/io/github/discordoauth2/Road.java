package io.github.discordoauth2;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.discordoauth2.model.Application;
import io.github.discordoauth2.model.AuthorizationInfo;
import io.github.discordoauth2.model.Connection;
import io.github.discordoauth2.model.GuildMember;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.model.RoleConnection;
import io.github.discordoauth2.model.RoleConnectionMetadata;
import io.github.discordoauth2.model.User;
import org.jspecify.annotations.Nullable;

/**
 * How a contract suite calls the core: every operation of {@link Client} and its tokens,
 * on one of the two roads, answering with the value or throwing the exception the call
 * ends with. Tokens go in and come out as the blocking types; the reactive road makes the
 * reactive twin of each and calls that. Nothing here names a Reactor type, so the
 * blocking suites run without Reactor on the class path.
 */
interface Road {

	/** The blocking road: each call returns or throws on the calling thread. */
	Road BLOCKING = new BlockingRoad();

	AccessToken exchangeCode(Client client, String code);

	AccessToken exchangeCode(Client client, String code, @Nullable String codeVerifier);

	AccessToken exchangeCode(Client client, String code, @Nullable String codeVerifier, String redirectUri);

	AccessToken refreshToken(Client client, String refreshToken);

	AccessToken clientCredentialsGrant(Client client, String... scopes);

	AccessToken clientCredentialsGrant(Client client, Collection<String> scopes);

	AccessToken restoreAccessToken(Client client, String accessToken, @Nullable String refreshToken,
			@Nullable Instant expiresAt, Collection<String> scopes);

	void revokeToken(Client client, String token);

	void revokeToken(Client client, String token, TokenTypeHint hint);

	List<RoleConnectionMetadata> updateLinkedRolesMetadata(Client client, List<RoleConnectionMetadata> records);

	List<RoleConnectionMetadata> fetchLinkedRolesMetadata(Client client);

	Application fetchApplication(Client client);

	User fetchIdentify(PartialAccessToken token);

	List<Connection> fetchConnections(PartialAccessToken token);

	List<PartialGuild> fetchGuilds(PartialAccessToken token);

	List<PartialGuild> fetchGuilds(PartialAccessToken token, GuildsQuery query);

	GuildMember fetchGuildMember(PartialAccessToken token, long guildId);

	JoinGuildResult joinGuild(PartialAccessToken token, long guildId);

	JoinGuildResult joinGuild(PartialAccessToken token, long guildId, JoinGuildOptions options);

	JoinGuildResult joinGuild(PartialAccessToken token, long guildId, long userId, JoinGuildOptions options);

	RoleConnection fetchMetadata(PartialAccessToken token);

	RoleConnection updateMetadata(PartialAccessToken token, @Nullable String platformName,
			@Nullable String platformUsername, @Nullable Map<String, ?> metadata);

	RoleConnection updateMetadata(PartialAccessToken token, Map<String, ?> metadata);

	void clearMetadata(PartialAccessToken token);

	AuthorizationInfo fetchAuthorization(PartialAccessToken token);

	void revoke(PartialAccessToken token);

	AccessToken refresh(AccessToken token);

	void revokeRefreshToken(AccessToken token);

	/** The blocking road: the calls themselves. */
	final class BlockingRoad implements Road {

		private BlockingRoad() {
		}

		@Override
		public AccessToken exchangeCode(Client client, String code) {
			return client.exchangeCode(code);
		}

		@Override
		public AccessToken exchangeCode(Client client, String code, @Nullable String codeVerifier) {
			return client.exchangeCode(code, codeVerifier);
		}

		@Override
		public AccessToken exchangeCode(Client client, String code, @Nullable String codeVerifier, String redirectUri) {
			return client.exchangeCode(code, codeVerifier, redirectUri);
		}

		@Override
		public AccessToken refreshToken(Client client, String refreshToken) {
			return client.refreshToken(refreshToken);
		}

		@Override
		public AccessToken clientCredentialsGrant(Client client, String... scopes) {
			return client.clientCredentialsGrant(scopes);
		}

		@Override
		public AccessToken clientCredentialsGrant(Client client, Collection<String> scopes) {
			return client.clientCredentialsGrant(scopes);
		}

		@Override
		public AccessToken restoreAccessToken(Client client, String accessToken, @Nullable String refreshToken,
				@Nullable Instant expiresAt, Collection<String> scopes) {
			return client.restoreAccessToken(accessToken, refreshToken, expiresAt, scopes);
		}

		@Override
		public void revokeToken(Client client, String token) {
			client.revokeToken(token);
		}

		@Override
		public void revokeToken(Client client, String token, TokenTypeHint hint) {
			client.revokeToken(token, hint);
		}

		@Override
		public List<RoleConnectionMetadata> updateLinkedRolesMetadata(Client client,
				List<RoleConnectionMetadata> records) {
			return client.updateLinkedRolesMetadata(records);
		}

		@Override
		public List<RoleConnectionMetadata> fetchLinkedRolesMetadata(Client client) {
			return client.fetchLinkedRolesMetadata();
		}

		@Override
		public Application fetchApplication(Client client) {
			return client.fetchApplication();
		}

		@Override
		public User fetchIdentify(PartialAccessToken token) {
			return token.fetchIdentify();
		}

		@Override
		public List<Connection> fetchConnections(PartialAccessToken token) {
			return token.fetchConnections();
		}

		@Override
		public List<PartialGuild> fetchGuilds(PartialAccessToken token) {
			return token.fetchGuilds();
		}

		@Override
		public List<PartialGuild> fetchGuilds(PartialAccessToken token, GuildsQuery query) {
			return token.fetchGuilds(query);
		}

		@Override
		public GuildMember fetchGuildMember(PartialAccessToken token, long guildId) {
			return token.fetchGuildMember(guildId);
		}

		@Override
		public JoinGuildResult joinGuild(PartialAccessToken token, long guildId) {
			return token.joinGuild(guildId);
		}

		@Override
		public JoinGuildResult joinGuild(PartialAccessToken token, long guildId, JoinGuildOptions options) {
			return token.joinGuild(guildId, options);
		}

		@Override
		public JoinGuildResult joinGuild(PartialAccessToken token, long guildId, long userId,
				JoinGuildOptions options) {
			return token.joinGuild(guildId, userId, options);
		}

		@Override
		public RoleConnection fetchMetadata(PartialAccessToken token) {
			return token.fetchMetadata();
		}

		@Override
		public RoleConnection updateMetadata(PartialAccessToken token, @Nullable String platformName,
				@Nullable String platformUsername, @Nullable Map<String, ?> metadata) {
			return token.updateMetadata(platformName, platformUsername, metadata);
		}

		@Override
		public RoleConnection updateMetadata(PartialAccessToken token, Map<String, ?> metadata) {
			return token.updateMetadata(metadata);
		}

		@Override
		public void clearMetadata(PartialAccessToken token) {
			token.clearMetadata();
		}

		@Override
		public AuthorizationInfo fetchAuthorization(PartialAccessToken token) {
			return token.fetchAuthorization();
		}

		@Override
		public void revoke(PartialAccessToken token) {
			token.revoke();
		}

		@Override
		public AccessToken refresh(AccessToken token) {
			return token.refresh();
		}

		@Override
		public void revokeRefreshToken(AccessToken token) {
			token.revokeRefreshToken();
		}

	}

}
