package io.github.discordoauth2.model;

import org.jspecify.annotations.Nullable;

/**
 * The incoming webhook created by the {@code webhook.incoming} scope (the token
 * response's {@code webhook}). Its token (and the URL, which contains it) is a secret:
 * {@link #toString()} masks both.
 *
 * @param id the webhook's snowflake id
 * @param type the webhook type (1 = incoming)
 * @param guildId the guild id, or {@code null}
 * @param channelId the channel id, or {@code null}
 * @param name the default name, or {@code null}
 * @param avatar the default avatar hash, or {@code null}
 * @param token the secret webhook token, or {@code null}
 * @param applicationId the application that created it, or {@code null}
 * @param url the execute URL (contains the token), or {@code null}
 * @since 0.1.0
 */
public record Webhook(long id, int type, @Nullable Long guildId, @Nullable Long channelId, @Nullable String name,
		@Nullable String avatar, @Nullable String token, @Nullable Long applicationId, @Nullable String url) {

	/**
	 * @return a description with the token and URL masked
	 */
	@Override
	public String toString() {
		return "Webhook[id=" + this.id + ", type=" + this.type + ", guildId=" + this.guildId + ", channelId="
				+ this.channelId + ", name=" + this.name + ", avatar=" + this.avatar + ", token="
				+ ((this.token != null) ? "***" : null) + ", applicationId=" + this.applicationId + ", url="
				+ ((this.url != null) ? "***" : null) + "]";
	}

}
