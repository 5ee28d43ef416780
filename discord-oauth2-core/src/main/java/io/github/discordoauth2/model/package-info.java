/**
 * Typed records for the objects Discord returns, named as Discord names them; snowflake
 * ids are {@code long}.
 */
@NullMarked
package io.github.discordoauth2.model;

import org.jspecify.annotations.NullMarked;
