package dev.playbake.modules.support;

import dev.playbake.modules.Args;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP requests of {@code get_url}, {@code uri} and {@code unarchive} with a URL src, made by the engine
 * (not in the build container, which may have no downloader): Ansible's urllib behaviour for redirects,
 * basic auth (sent after a 401 challenge unless forced), timeouts, {@code If-Modified-Since} and
 * certificate checks.
 */
public final class HttpFetch {

    /** What to ask. */
    public record Call(String url, String method, Map<String, String> headers, byte[] body, String user,
                       String password, boolean forceBasicAuth, int timeoutSeconds, boolean validateCerts,
                       boolean followRedirects, Optional<Instant> ifModifiedSince) {

        /** The arguments every URL module shares ({@code url_username}, {@code headers}, …). */
        public static Call of(Args args, String url, String method, byte[] body, int defaultTimeout) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (args.raw("headers") instanceof Map<?, ?> given) {
                given.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
            }
            String agent = args.string("http_agent", "ansible-httpget");
            headers.putIfAbsent("User-Agent", agent);
            String user = args.string("url_username", args.string("username", args.string("user", "")));
            String password = args.string("url_password", args.string("password", ""));
            String follow = args.string("follow_redirects", "safe");
            boolean followRedirects = !List.of("no", "none", "false").contains(follow.toLowerCase(Locale.ROOT))
                    && (follow.equals("all") || follow.equals("yes") || method.equals("GET") || method.equals("HEAD"));
            return new Call(url, method, headers, body, user, password, args.bool("force_basic_auth", false),
                    args.integer("timeout").orElse(defaultTimeout), args.bool("validate_certs", true),
                    followRedirects, Optional.empty());
        }

        public Call withIfModifiedSince(Instant time) {
            return new Call(url, method, headers, body, user, password, forceBasicAuth, timeoutSeconds,
                    validateCerts, followRedirects, Optional.of(time));
        }

        public Call withUrl(String other) {
            return new Call(other, method, headers, body, user, password, forceBasicAuth, timeoutSeconds,
                    validateCerts, followRedirects, ifModifiedSince);
        }
    }

    /**
     * The answer; {@code status} -1 when no answer came ({@code msg} says why).
     *
     * @param url     the URL that answered, after redirects
     * @param headers response headers by lower-case name
     */
    public record Answer(int status, String url, Map<String, String> headers, byte[] body, String msg) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private HttpFetch() {
    }

    /** Sends the request; an unreachable server or a timeout is an answer with status -1. */
    public static Answer send(Call call) {
        try {
            HttpClient client = client(call);
            HttpResponse<byte[]> response = client.send(request(call, call.forceBasicAuth()), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 && !call.user().isEmpty() && !call.forceBasicAuth()
                    && response.headers().firstValue("WWW-Authenticate").orElse("").toLowerCase(Locale.ROOT).startsWith("basic")) {
                response = client.send(request(call, true), HttpResponse.BodyHandlers.ofByteArray());
            }
            return answer(response);
        } catch (IllegalArgumentException e) {
            return new Answer(-1, call.url(), Map.of(), new byte[0], "Request failed: <urlopen error " + e.getMessage() + ">");
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Answer(-1, call.url(), Map.of(), new byte[0], "Request failed: <urlopen error " + reason + ">");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, call.url(), Map.of(), new byte[0], "Request failed: interrupted");
        }
    }

    private static HttpClient client(Call call) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(call.timeoutSeconds()))
                .followRedirects(call.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (!call.validateCerts()) {
            builder.sslContext(trustingEverything());
        }
        return builder.build();
    }

    private static HttpRequest request(Call call, boolean withAuthorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(call.url()))
                .timeout(Duration.ofSeconds(call.timeoutSeconds()))
                .method(call.method(), call.body().length == 0 && !call.method().equals("POST") && !call.method().equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        call.headers().forEach(builder::setHeader);
        call.ifModifiedSince().ifPresent(time -> builder.setHeader("If-Modified-Since",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(time.atOffset(ZoneOffset.UTC))));
        if (withAuthorization && !call.user().isEmpty()) {
            String pair = call.user() + ":" + call.password();
            builder.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private static Answer answer(HttpResponse<byte[]> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        int status = response.statusCode();
        String msg = status == 304 ? "Not Modified"
                : status < 400 ? "OK (" + headers.getOrDefault("content-length", "unknown") + " bytes)"
                : "HTTP Error " + status + ": " + reason(status);
        return new Answer(status, response.uri().toString(), headers, response.body(), msg);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    /** {@code validate_certs: false}: any certificate is accepted, as Ansible does then. */
    private static SSLContext trustingEverything() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // validate_certs: false asks for no check
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // validate_certs: false asks for no check
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
