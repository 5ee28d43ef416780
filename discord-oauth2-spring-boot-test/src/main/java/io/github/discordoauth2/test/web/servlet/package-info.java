/**
 * Spring MVC: {@code discordLogin()} for MockMvc requests.
 */
@NullMarked
package io.github.discordoauth2.test.web.servlet;

import org.jspecify.annotations.NullMarked;
