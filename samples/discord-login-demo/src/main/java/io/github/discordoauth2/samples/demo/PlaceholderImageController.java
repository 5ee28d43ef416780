package io.github.discordoauth2.samples.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Draws a round image with initials, standing in for Discord's CDN in demo mode (see
 * {@link DiscordImages}).
 */
@RestController
final class PlaceholderImageController {

	/** Where the placeholder images are served. */
	static final String PATH = "/placeholder.svg";

	private static final String[] COLORS = { "#5865f2", "#3ba55c", "#faa61a", "#ed4245", "#eb459e", "#2d7d9a" };

	@GetMapping(value = PATH, produces = "image/svg+xml")
	ResponseEntity<String> placeholder(@RequestParam(defaultValue = "?") String text,
			@RequestParam(defaultValue = "0") long seed) {
		// Only letters and digits reach the SVG, so the parameter cannot inject markup.
		String label = text.codePoints()
			.filter(Character::isLetterOrDigit)
			.limit(2)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		label = label.isEmpty() ? "?" : label;
		String color = COLORS[(int) Math.floorMod(seed, (long) COLORS.length)];
		String svg = """
				<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">\
				<rect width="128" height="128" fill="%s"/>\
				<text x="64" y="64" dy=".35em" text-anchor="middle" fill="#fff" \
				font-family="system-ui, Segoe UI, Arial, sans-serif" font-size="52" font-weight="600">%s</text>\
				</svg>""".formatted(color, label);
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("image/svg+xml"))
			.cacheControl(CacheControl.noCache())
			.body(svg);
	}

	/**
	 * Up to two initials, letters and digits only, so the text is safe inside the SVG.
	 */
	static String initials(String name) {
		String letters = Arrays.stream(name.split("[^\\p{L}\\p{N}]+"))
			.filter(word -> !word.isEmpty())
			.limit(2)
			.map(word -> word.substring(0, word.offsetByCodePoints(0, 1)))
			.collect(Collectors.joining())
			.toUpperCase(Locale.ROOT);
		return letters.isEmpty() ? "?" : letters;
	}

}
