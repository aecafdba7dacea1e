package dev.playbake.template;

import dev.playbake.python.PyNone;
import dev.playbake.python.PyStrings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lookup('url', URL…)}: each URL's body, one item per line ({@code split_lines}, the default) or whole, with
 * ansible-core 2.14's options and error messages. The request itself is the {@link UrlFetcher}'s.
 */
final class UrlLookup {

    /** Options the lookup accepts and passes on to nothing: what they would change is the JVM's or absent here. */
    private static final List<String> NOT_APPLIED = List.of("use_proxy", "use_netrc", "ca_path",
            "unredirected_headers", "ciphers");

    private final UrlFetcher fetcher;

    UrlLookup(UrlFetcher fetcher) {
        this.fetcher = fetcher;
    }

    List<Object> run(List<Object> terms, Map<String, Object> options) {
        Options read = Options.of(options);
        List<Object> results = new ArrayList<>();
        for (Object term : terms) {
            String url = PyStrings.str(term);
            UrlFetcher.Answer answer = fetcher.fetch(read.request(url));
            if (answer instanceof UrlFetcher.Answer.Body body) {
                String text = new String(body.bytes(), StandardCharsets.UTF_8);
                if (read.splitLines()) {
                    results.addAll(PyStrings.splitlines(text));
                } else {
                    results.add(text);
                }
            } else if (answer instanceof UrlFetcher.Answer.HttpError error) {
                throw new TemplateException("Received HTTP error for " + url + " : " + error.message());
            } else if (answer instanceof UrlFetcher.Answer.Unreachable unreachable) {
                throw new TemplateException("Failed lookup url for " + url + " : " + unreachable.reason());
            } else if (answer instanceof UrlFetcher.Answer.Refused refused) {
                throw new TemplateException("Failed lookup url for " + url + " : " + refused.reason());
            }
        }
        return results;
    }

    /** The plugin's options as ansible-core 2.14 documents them, with its defaults. */
    record Options(boolean splitLines, Map<String, String> headers, String username, String password,
                   boolean forceBasicAuth, boolean validateCerts, int timeoutSeconds, boolean followRedirects) {

        static Options of(Map<String, Object> given) {
            Map<String, Object> options = new LinkedHashMap<>(given);
            options.values().removeIf(v -> v == null || v == PyNone.NONE);
            if (options.containsKey("unix_socket")) {
                throw new TemplateException("lookup('url'): unix_socket is not supported: playbake's HTTP client "
                        + "connects over TCP only");
            }
            if (FilterValues.bool(options.getOrDefault("use_gssapi", false))) {
                throw new TemplateException("lookup('url'): use_gssapi is not supported: playbake has no Kerberos "
                        + "client; use username= and password=");
            }
            NOT_APPLIED.forEach(options::remove);
            Map<String, String> headers = new LinkedHashMap<>();
            Object headerOption = options.getOrDefault("headers", Map.of());
            if (!(headerOption instanceof Map<?, ?> map)) {
                throw new TemplateException("lookup('url'): headers must be a dictionary, got "
                        + FilterValues.typeName(headerOption));
            }
            map.forEach((k, v) -> headers.put(PyStrings.str(k), PyStrings.str(v)));
            headers.putIfAbsent("User-Agent", PyStrings.str(options.getOrDefault("http_agent", "ansible-httpget")));
            if (FilterValues.bool(options.getOrDefault("force", false))) {
                // open_url's force: ask caches between here and the server for a fresh answer
                headers.put("Cache-Control", "no-cache");
            }
            double timeout = FilterValues.toDouble(options.getOrDefault("timeout", 10));
            String follow = PyStrings.str(options.getOrDefault("follow_redirects", "urllib2")).toLowerCase(Locale.ROOT);
            return new Options(FilterValues.bool(options.getOrDefault("split_lines", true)), headers,
                    PyStrings.str(options.getOrDefault("username", "")),
                    PyStrings.str(options.getOrDefault("password", "")),
                    FilterValues.bool(options.getOrDefault("force_basic_auth", false)),
                    FilterValues.bool(options.getOrDefault("validate_certs", true)),
                    (int) Math.max(1, Math.ceil(timeout)),
                    !List.of("none", "no", "false").contains(follow));
        }

        UrlFetcher.Request request(String url) {
            return new UrlFetcher.Request(url, headers, username, password, forceBasicAuth, validateCerts,
                    timeoutSeconds, followRedirects);
        }
    }
}
