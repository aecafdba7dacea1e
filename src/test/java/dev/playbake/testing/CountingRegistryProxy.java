package dev.playbake.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reverse proxy on a free 127.0.0.1 port in front of a registry (plain HTTP), which records every request it
 * forwards: a test reads from it which blobs a Docker engine fetched. The engine treats 127.0.0.0/8 as an insecure
 * registry, so {@code 127.0.0.1:<port>/repo} reaches the registry's {@code repo} through it.
 */
public final class CountingRegistryProxy implements AutoCloseable {

    /** One forwarded request and the registry's answer. */
    public record Request(String method, String path, int status) {
    }

    private static final Pattern BLOB = Pattern.compile("/v2/.+/blobs/(sha256:[0-9a-f]{64})");
    /** What HttpClient sets itself, or refuses to be given. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final String target;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private CountingRegistryProxy(HttpServer server, String target) {
        this.server = server;
        this.target = target;
    }

    /** Starts one in front of {@code target} ({@code host:port}, plain HTTP). */
    public static CountingRegistryProxy start(String target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            CountingRegistryProxy proxy = new CountingRegistryProxy(server, target);
            server.createContext("/", proxy::forward);
            server.setExecutor(proxy.threads);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<port>}, the registry part of references that go through it. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The digests of the blobs fetched with a GET the registry answered 200 (layers and image configurations). */
    public List<String> blobsFetched() {
        return requests.stream().filter(r -> r.method().equals("GET") && r.status() == 200)
                .map(r -> BLOB.matcher(r.path())).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + target
                            + exchange.getRequestURI().getRawPath()
                            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            requests.add(new Request(method, exchange.getRequestURI().getPath(), response.statusCode()));
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value.replace(target, address())));
                }
            });
            boolean empty = method.equals("HEAD") || response.body().length == 0;
            if (method.equals("HEAD")) {
                response.headers().firstValue("Content-Length")
                        .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
            }
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : response.body().length);
            if (!empty) {
                exchange.getResponseBody().write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
