package dev.playbake.modules.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.playbake.modules.Args;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's HTTP requests against a server on loopback: auth challenge, redirects, If-Modified-Since, no answer. */
class HttpFetchTest {

    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/private", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"t\"");
                reply(exchange, 401, "no");
            } else {
                reply(exchange, 200, auth);
            }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/private");
            reply(exchange, 302, "");
        });
        server.createContext("/since", exchange -> {
            String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            reply(exchange, since == null ? 200 : 304, since == null ? "fresh" : "");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsCredentialsAfterABasicChallenge() {
        HttpFetch.Answer answer = HttpFetch.send(call(base + "/private", "user", false));
        assertEquals(200, answer.status());
        assertEquals("Basic dXNlcjpzZWNyZXQ=", answer.text());
    }

    @Test
    void withoutCredentialsTheChallengeIsTheAnswer() {
        HttpFetch.Answer answer = HttpFetch.send(call(base + "/private", "", false));
        assertEquals(401, answer.status());
        assertEquals("HTTP Error 401: Unauthorized", answer.msg());
    }

    @Test
    void followsRedirectsAndReportsTheFinalUrl() {
        HttpFetch.Answer answer = HttpFetch.send(call(base + "/moved", "user", true));
        assertEquals(200, answer.status());
        assertEquals(base + "/private", answer.url());
    }

    @Test
    void notModifiedIsAnAnswerNotAFailure() {
        HttpFetch.Answer answer = HttpFetch.send(call(base + "/since", "", false).withIfModifiedSince(Instant.EPOCH));
        assertEquals(304, answer.status());
        assertEquals("OK (5 bytes)", HttpFetch.send(call(base + "/since", "", false)).msg());
    }

    @Test
    void noAnswerIsStatusMinusOne() {
        server.stop(0);
        HttpFetch.Answer answer = HttpFetch.send(call(base + "/since", "", false));
        assertEquals(-1, answer.status());
        assertTrue(answer.msg().startsWith("Request failed"), answer.msg());
    }

    private static HttpFetch.Call call(String url, String user, boolean forceBasicAuth) {
        Map<String, Object> args = new java.util.LinkedHashMap<>();
        if (!user.isEmpty()) {
            args.put("url_username", user);
            args.put("url_password", "secret");
        }
        args.put("force_basic_auth", forceBasicAuth);
        args.put("timeout", 2);
        return HttpFetch.Call.of(new Args(args), url, "GET", new byte[0], 10);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 304 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 304) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
