package io.github.discordoauth2.samples.webflux;

import java.util.List;

import io.github.discordoauth2.ReactiveAccessToken;
import io.github.discordoauth2.model.PartialGuild;
import io.github.discordoauth2.security.DiscordOAuth2User;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * The demo's pages: a public home page with "Login with Discord", and the signed-in
 * user's name and servers, fetched from Discord without blocking through the
 * {@link ReactiveAccessToken} the starter hands to the controller. Logging out is the
 * starter's {@code POST /logout}.
 */
@Controller
class PagesController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal @Nullable DiscordOAuth2User viewer, Model model) {
		if (viewer != null) {
			model.addAttribute("viewerName", viewer.user().displayName());
		}
		return "home";
	}

	@GetMapping("/me")
	Mono<String> me(ReactiveAccessToken token, Model model) {
		// Both calls to Discord run at once; neither holds a thread while it waits.
		Mono<List<PartialGuild>> guilds = token.fetchGuilds().collectList();
		return Mono.zip(token.fetchIdentify(), guilds).map((both) -> {
			model.addAttribute("user", both.getT1());
			model.addAttribute("guilds", both.getT2());
			return "me";
		});
	}

	/**
	 * The CSRF token for the logout form: WebFlux keeps it as a {@code Mono} that the
	 * page has to wait for.
	 */
	@ModelAttribute("csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return (token != null) ? token : Mono.empty();
	}

}
