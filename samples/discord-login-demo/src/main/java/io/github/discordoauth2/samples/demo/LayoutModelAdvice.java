package io.github.discordoauth2.samples.demo;

import io.github.discordoauth2.security.DiscordOAuth2User;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * Puts what the shared layout needs (the viewer, the mode) into every page's model,
 * including the problem pages that exception handlers build (Spring does not run model
 * attributes for those).
 */
@ControllerAdvice
final class LayoutModelAdvice {

	private final DiscordImages images;

	private final DemoProperties demo;

	LayoutModelAdvice(DiscordImages images, DemoProperties demo) {
		this.images = images;
		this.demo = demo;
	}

	@ModelAttribute("viewer")
	Viewer viewer() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof DiscordOAuth2User user) {
			return Viewer.of(user.user(), this.images);
		}
		if (authentication instanceof UsernamePasswordAuthenticationToken local && local.isAuthenticated()) {
			// The local account, whether or not it has connected Discord.
			return new Viewer(true, local.getName(), null);
		}
		return Viewer.ANONYMOUS;
	}

	@ModelAttribute("demo")
	DemoProperties demo() {
		return this.demo;
	}

	/** The problem page, with the layout's model. */
	ModelAndView problemPage(Problem problem) {
		ModelAndView page = new ModelAndView("problem");
		page.addObject("problem", problem);
		page.addObject("viewer", viewer());
		page.addObject("demo", this.demo);
		page.setStatus(org.springframework.http.HttpStatusCode.valueOf(problem.status()));
		return page;
	}

}
