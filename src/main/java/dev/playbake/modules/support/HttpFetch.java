package dev.playbake.modules.support;

import dev.playbake.modules.Args;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.egress.EgressPolicy;
import java.io.IOException;
import java.net.ConnectException;
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
 * certificate checks. Every connection, redirects included, goes through the build's {@link EgressPolicy}.
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

        Call asGet() {
            return new Call(url, "GET", headers, new byte[0], user, password, forceBasicAuth, timeoutSeconds,
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

    /** As the JDK client's limit (jdk.httpclient.redirects.retrylimit) that answered before. */
    private static final int MAX_REDIRECTS = 5;

    private HttpFetch() {
    }

    /**
     * Sends the request, and follows redirects itself so that {@code egress} sees every hop; an unreachable server
     * or a timeout is an answer with status -1, a host the policy refuses fails the task naming the rule.
     *
     * @param module the module asking, for the failure's message
     */
    public static Answer send(String module, Call call, EgressPolicy egress) {
        Outcome outcome = fetch(call, egress);
        if (outcome instanceof Refused refused) {
            throw new ModuleException(module + ": " + refused.url() + " " + refused.reason());
        }
        return ((Answered) outcome).answer();
    }

    /** How a request ended for a caller that is no module (the url lookup): an answer, or a hop the policy refused. */
    public sealed interface Outcome {
    }

    /** The server's answer, or status -1 when none came. */
    public record Answered(Answer answer) implements Outcome {
    }

    /** Nothing was sent to {@code url}: {@code reason} completes "URL …" ({@code refused by the operator's…}). */
    public record Refused(String url, String reason) implements Outcome {
    }

    /** As {@link #send}, with a refused hop as a value. */
    public static Outcome fetch(Call call, EgressPolicy egress) {
        Call current = call;
        try {
            HttpClient client = client(call);
            for (int hop = 0; ; hop++) {
                URI uri = URI.create(current.url());
                EgressPolicy.Decision decision = egress.check(Optional.ofNullable(uri.getHost()).orElse(""));
                if (decision instanceof EgressPolicy.Refuse refused) {
                    return new Refused(current.url(), refused.reason());
                }
                if (decision instanceof EgressPolicy.Unresolved unresolved) {
                    return new Answered(failure(current, unresolved.message()));
                }
                HttpResponse<byte[]> response = exchange(client, current);
                Optional<Call> next = call.followRedirects() && hop < MAX_REDIRECTS
                        ? redirect(current, response) : Optional.empty();
                if (next.isEmpty()) {
                    return new Answered(answer(response));
                }
                current = next.get();
            }
        } catch (IllegalArgumentException e) {
            return new Answered(failure(current, e.getMessage()));
        } catch (ConnectException e) {
            // the JDK's client says nothing for a refused connection; urllib's words, which playbooks test for
            return new Answered(failure(current, e.getMessage() == null || e.getMessage().contains("refused")
                    ? "[Errno 111] Connection refused" : e.getMessage()));
        } catch (IOException e) {
            return new Answered(failure(current, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answered(new Answer(-1, current.url(), Map.of(), new byte[0], "Request failed: interrupted"));
        }
    }

    private static Answer failure(Call call, String reason) {
        return new Answer(-1, call.url(), Map.of(), new byte[0], "Request failed: <urlopen error " + reason + ">");
    }

    /** One request, repeated with basic auth after a 401 challenge. */
    private static HttpResponse<byte[]> exchange(HttpClient client, Call call) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request(call, call.forceBasicAuth()), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401 && !call.user().isEmpty() && !call.forceBasicAuth()
                && response.headers().firstValue("WWW-Authenticate").orElse("").toLowerCase(Locale.ROOT).startsWith("basic")) {
            response = client.send(request(call, true), HttpResponse.BodyHandlers.ofByteArray());
        }
        return response;
    }

    /**
     * The request a redirect asks for, as the JDK client's NORMAL policy made it: never from https to http, 303 and
     * a POST's 301/302 become a GET without a body.
     */
    private static Optional<Call> redirect(Call call, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        Optional<String> location = response.headers().firstValue("Location");
        if (!List.of(301, 302, 303, 307, 308).contains(status) || location.isEmpty()) {
            return Optional.empty();
        }
        URI from = response.uri();
        URI to = from.resolve(location.get());
        if (to.getScheme() == null || !List.of("http", "https").contains(to.getScheme().toLowerCase(Locale.ROOT))
                || from.getScheme().equalsIgnoreCase("https") && to.getScheme().equalsIgnoreCase("http")) {
            return Optional.empty();
        }
        boolean toGet = status == 303 && !call.method().equals("HEAD")
                || (status == 301 || status == 302) && call.method().equals("POST");
        return Optional.of(toGet ? call.withUrl(to.toString()).asGet() : call.withUrl(to.toString()));
    }

    private static HttpClient client(Call call) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(call.timeoutSeconds()))
                .followRedirects(HttpClient.Redirect.NEVER);
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

    /** The reason phrase of a status, as Python's http.HTTPStatus names it (the JDK's client keeps none). */
    public static String reason(int status) {
        return switch (status) {
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
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
