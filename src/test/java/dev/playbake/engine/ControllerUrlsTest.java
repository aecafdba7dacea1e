package dev.playbake.engine;

import com.sun.net.httpserver.HttpServer;
import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.template.UrlFetcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lookup('url')'s requests from the controller: under the operator's egress policy a loopback URL, and a redirect
 * to one, is refused before anything is sent (the listener standing for the operator's own port sees no request);
 * the CLI's open policy reaches it. Every request marks the run as having read the network.
 */
class ControllerUrlsTest {

    private HttpServer operatorPort;
    private HttpServer allowedServer;
    private final AtomicInteger operatorRequests = new AtomicInteger();

    @BeforeEach
    void listen() throws IOException {
        operatorPort = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        operatorPort.createContext("/", exchange -> {
            operatorRequests.incrementAndGet();
            byte[] body = "operator metrics\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        operatorPort.start();
        allowedServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        allowedServer.createContext("/to-operator", exchange -> {
            exchange.getResponseHeaders().add("Location", operatorUrl() + "/q/metrics");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        allowedServer.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        allowedServer.start();
    }

    @AfterEach
    void stop() {
        operatorPort.stop(0);
        allowedServer.stop(0);
    }

    private String operatorUrl() {
        return "http://127.0.0.2:" + operatorPort.getAddress().getPort();
    }

    private String allowedUrl() {
        return "http://127.0.0.1:" + allowedServer.getAddress().getPort();
    }

    /** The operator's policy, with 127.0.0.1 allowed to stand for a server a tenant may reach. */
    private static EgressPolicy operatorPolicy() {
        return EgressPolicy.restricted(List.of(), EgressPolicy.Allowed.of(List.of("127.0.0.1")),
                host -> Arrays.asList(InetAddress.getAllByName(host)));
    }

    private static UrlFetcher.Request get(String url) {
        return new UrlFetcher.Request(url, Map.of("User-Agent", "ansible-httpget"), "", "", false, true, 5, true);
    }

    @Test
    void theOperatorsPolicyRefusesALoopbackUrlAndSendsNothing() {
        HostState state = new HostState();
        UrlFetcher.Answer answer = new ControllerUrls(operatorPolicy(), state).fetch(get(operatorUrl() + "/q/metrics"));
        UrlFetcher.Answer.Refused refused = assertInstanceOf(UrlFetcher.Answer.Refused.class, answer);
        assertEquals("refused by the operator's egress policy: 127.0.0.2 is a loopback address (allow it with "
                + "playbake.operator.egress.allow)", refused.reason());
        assertEquals(0, operatorRequests.get(), "the operator's port saw no request");
        assertTrue(state.readNetwork());
        assertFalse(state.resumable(), "no snapshot after a URL was read");
    }

    @Test
    void everyRedirectHopIsChecked() {
        UrlFetcher.Answer answer = new ControllerUrls(operatorPolicy(), new HostState())
                .fetch(get(allowedUrl() + "/to-operator"));
        assertInstanceOf(UrlFetcher.Answer.Refused.class, answer);
        assertEquals(0, operatorRequests.get(), "the redirect's target saw no request");
    }

    @Test
    void theCliReachesItAndStatusesAreUrllibs() {
        ControllerUrls cli = new ControllerUrls(EgressPolicy.open(), new HostState());
        UrlFetcher.Answer answer = cli.fetch(get(allowedUrl() + "/to-operator"));
        assertArrayEquals("operator metrics\n".getBytes(StandardCharsets.UTF_8),
                assertInstanceOf(UrlFetcher.Answer.Body.class, answer).bytes());
        assertEquals(1, operatorRequests.get());
        assertEquals(new UrlFetcher.Answer.HttpError("HTTP Error 404: Not Found"), cli.fetch(get(allowedUrl() + "/missing")));
        int closed = allowedServer.getAddress().getPort();
        allowedServer.stop(0);
        assertEquals(new UrlFetcher.Answer.Unreachable("<urlopen error [Errno 111] Connection refused>"),
                cli.fetch(get("http://127.0.0.1:" + closed + "/")));
    }
}
