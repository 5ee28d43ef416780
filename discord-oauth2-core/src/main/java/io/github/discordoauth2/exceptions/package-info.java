/**
 * Unchecked exceptions raised when a call to Discord fails; none of their messages
 * contains a token or secret. An {@link io.github.discordoauth2.exceptions.HttpException}
 * says which {@link io.github.discordoauth2.exceptions.Credential} the call sent, and
 * each type has a builder for applications that make one (in a test, say).
 */
@NullMarked
package io.github.discordoauth2.exceptions;

import org.jspecify.annotations.NullMarked;
