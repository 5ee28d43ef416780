/**
 * Unchecked exceptions raised when a call to Discord fails; none of their messages
 * contains a token or secret.
 */
@NullMarked
package io.github.discordoauth2.exceptions;

import org.jspecify.annotations.NullMarked;
