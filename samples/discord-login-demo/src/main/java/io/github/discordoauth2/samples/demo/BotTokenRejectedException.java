package io.github.discordoauth2.samples.demo;

import java.io.Serial;
import java.util.function.Supplier;

import io.github.discordoauth2.exceptions.ForbiddenException;

/**
 * Discord refused the app's bot token (401 on a Bot-authorized call). Told apart from a
 * refused user token, so that a misconfigured bot does not log the user out.
 */
final class BotTokenRejectedException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private BotTokenRejectedException(ForbiddenException cause) {
		super("Discord refused the bot token", cause);
	}

	/**
	 * Runs a call authorized with the bot token, turning Discord's 401 into this
	 * exception.
	 * @param call the call
	 * @param <T> what the call returns
	 * @return what the call returned
	 */
	static <T> T withBotToken(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ForbiddenException ex) {
			if (ex.status() == 401) {
				throw new BotTokenRejectedException(ex);
			}
			throw ex;
		}
	}

}
