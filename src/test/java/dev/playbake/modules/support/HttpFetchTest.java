package dev.playbake.modules.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.playbake.modules.Args;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.egress.EgressPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's HTTP requests against a server on loopback: auth challenge, redirects, If-Modified-Since, no answer. */
class HttpFetchTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
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
        server.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.2:" + server.getAddress().getPort() + "/private");
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
        HttpFetch.Answer answer = HttpFetch.send("uri", call(base + "/private", "user", false), EgressPolicy.open());
        assertEquals(200, answer.status());
        assertEquals("Basic dXNlcjpzZWNyZXQ=", answer.text());
    }

    @Test
    void withoutCredentialsTheChallengeIsTheAnswer() {
        HttpFetch.Answer answer = HttpFetch.send("uri", call(base + "/private", "", false), EgressPolicy.open());
        assertEquals(401, answer.status());
        assertEquals("HTTP Error 401: Unauthorized", answer.msg());
    }

    @Test
    void followsRedirectsAndReportsTheFinalUrl() {
        HttpFetch.Answer answer = HttpFetch.send("uri", call(base + "/moved", "user", true), EgressPolicy.open());
        assertEquals(200, answer.status());
        assertEquals(base + "/private", answer.url());
    }

    @Test
    void theEgressPolicyIsAskedBeforeTheFirstConnection() {
        EgressPolicy loopbackRefused = EgressPolicy.restricted(List.of(), EgressPolicy.Allowed.of(List.of()),
                EgressPolicy.Resolver.JVM);
        ModuleException refused = assertThrows(ModuleException.class,
                () -> HttpFetch.send("uri", call(base + "/private", "user", false), loopbackRefused));
        assertEquals("uri: " + base + "/private refused by the operator's egress policy: 127.0.0.1 is a loopback "
                + "address (allow it with playbake.operator.egress.allow)", refused.getMessage());
        assertEquals(0, requests.get(), "nothing reached the server");
    }

    @Test
    void everyRedirectHopIsChecked() {
        EgressPolicy onlyThisServer = EgressPolicy.restricted(List.of(),
                EgressPolicy.Allowed.of(List.of("127.0.0.1/32")), EgressPolicy.Resolver.JVM);
        ModuleException refused = assertThrows(ModuleException.class,
                () -> HttpFetch.send("get_url", call(base + "/elsewhere", "user", true), onlyThisServer));
        assertTrue(refused.getMessage().startsWith("get_url: http://127.0.0.2:"), refused.getMessage());
        assertTrue(refused.getMessage().contains("127.0.0.2 is a loopback address"), refused.getMessage());
        assertEquals(1, requests.get(), "only the redirecting request was sent");
        assertEquals(200, HttpFetch.send("uri", call(base + "/moved", "user", true), onlyThisServer).status(),
                "a redirect within what is allowed is followed");
    }

    @Test
    void aNameThatDoesNotResolveIsAnUnreachableServer() {
        EgressPolicy policy = EgressPolicy.restricted(List.of(), EgressPolicy.Allowed.of(List.of()),
                host -> { throw new java.net.UnknownHostException(host); });
        HttpFetch.Answer answer = HttpFetch.send("uri", call("http://nowhere.invalid/", "", false), policy);
        assertEquals(-1, answer.status());
        assertEquals("Request failed: <urlopen error nowhere.invalid: Name or service not known>", answer.msg());
    }

    @Test
    void notModifiedIsAnAnswerNotAFailure() {
        HttpFetch.Answer answer = HttpFetch.send("uri", call(base + "/since", "", false).withIfModifiedSince(Instant.EPOCH), EgressPolicy.open());
        assertEquals(304, answer.status());
        assertEquals("OK (5 bytes)", HttpFetch.send("uri", call(base + "/since", "", false), EgressPolicy.open()).msg());
    }

    @Test
    void noAnswerIsStatusMinusOne() {
        server.stop(0);
        HttpFetch.Answer answer = HttpFetch.send("uri", call(base + "/since", "", false), EgressPolicy.open());
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

    private void reply(HttpExchange exchange, int status, String body) throws IOException {
        requests.incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 304 || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0 && status != 304) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
