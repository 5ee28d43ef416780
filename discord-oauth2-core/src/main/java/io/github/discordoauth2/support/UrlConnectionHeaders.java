package io.github.discordoauth2.support;

import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.util.MultiValueMap;

/**
 * The headers of an answer, read straight off its {@link HttpURLConnection}.
 * {@link #getFirst} and {@link #containsKey} (all that reading Discord's answer needs)
 * look the name up in the fields as received; anything else, and any change, works on a
 * case-insensitive map made on first use, as Spring's own factory makes for every answer.
 */
final class UrlConnectionHeaders implements MultiValueMap<String, String> {

	private final HttpURLConnection connection;

	private String @Nullable [] fields;

	private @Nullable MultiValueMap<String, String> copy;

	UrlConnectionHeaders(HttpURLConnection connection) {
		this.connection = connection;
	}

	@Override
	public @Nullable String getFirst(String name) {
		MultiValueMap<String, String> copy = this.copy;
		if (copy != null) {
			return copy.getFirst(name);
		}
		String[] fields = fields();
		for (int i = 0; i < fields.length; i += 2) {
			if (fields[i].equalsIgnoreCase(name)) {
				return fields[i + 1];
			}
		}
		return null;
	}

	/**
	 * @return names and values in turn, in the order received; read once, because each
	 * look-up in the connection takes its locks
	 */
	private String[] fields() {
		String[] fields = this.fields;
		if (fields == null) {
			List<String> read = new ArrayList<>(32);
			// Field 0 is the status line, without a name.
			for (int i = 1;; i++) {
				String key = this.connection.getHeaderFieldKey(i);
				if (key == null) {
					break;
				}
				String value = this.connection.getHeaderField(i);
				read.add(key);
				read.add((value != null) ? value : "");
			}
			fields = read.toArray(new String[0]);
			this.fields = fields;
		}
		return fields;
	}

	@Override
	public boolean containsKey(Object key) {
		return (this.copy == null && key instanceof String name) ? getFirst(name) != null : copy().containsKey(key);
	}

	private MultiValueMap<String, String> copy() {
		MultiValueMap<String, String> copy = this.copy;
		if (copy == null) {
			copy = CollectionUtils.toMultiValueMap(new LinkedCaseInsensitiveMap<>(16, Locale.ROOT));
			String[] fields = fields();
			for (int i = 0; i < fields.length; i += 2) {
				copy.add(fields[i], fields[i + 1]);
			}
			this.copy = copy;
		}
		return copy;
	}

	@Override
	public void add(String key, @Nullable String value) {
		copy().add(key, value);
	}

	@Override
	public void addAll(String key, List<? extends String> values) {
		copy().addAll(key, values);
	}

	@Override
	public void addAll(MultiValueMap<String, String> values) {
		copy().addAll(values);
	}

	@Override
	public void set(String key, @Nullable String value) {
		copy().set(key, value);
	}

	@Override
	public void setAll(Map<String, String> values) {
		copy().setAll(values);
	}

	@Override
	public Map<String, String> toSingleValueMap() {
		return copy().toSingleValueMap();
	}

	@Override
	public int size() {
		return copy().size();
	}

	@Override
	public boolean isEmpty() {
		return copy().isEmpty();
	}

	@Override
	public boolean containsValue(Object value) {
		return copy().containsValue(value);
	}

	@Override
	public @Nullable List<String> get(Object key) {
		return copy().get(key);
	}

	@Override
	public @Nullable List<String> put(String key, List<String> value) {
		return copy().put(key, value);
	}

	@Override
	public @Nullable List<String> remove(Object key) {
		return copy().remove(key);
	}

	@Override
	public void putAll(Map<? extends String, ? extends List<String>> map) {
		copy().putAll(map);
	}

	@Override
	public void clear() {
		copy().clear();
	}

	@Override
	public Set<String> keySet() {
		return copy().keySet();
	}

	@Override
	public Collection<List<String>> values() {
		return copy().values();
	}

	@Override
	public Set<Entry<String, List<String>>> entrySet() {
		return copy().entrySet();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || copy().equals(other);
	}

	@Override
	public int hashCode() {
		return copy().hashCode();
	}

	@Override
	public String toString() {
		return copy().toString();
	}

}
