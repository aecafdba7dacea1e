package dev.playbake.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry API client against a registry on 127.0.0.1 that asks for a bearer token, as most hosted ones do. */
class RegistryApiTest {

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "ci:secret".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;
    private String address;
    private final List<String> tokenScopes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        address = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", exchange -> {
            tokenScopes.add(exchange.getRequestURI().getRawQuery());
            boolean ok = BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, ok ? 200 : 401, ok ? "{\"token\": \"t-1\"}" : "{}");
        });
        server.createContext("/v2/", exchange -> {
            if (!"Bearer t-1".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + address
                        + "/token\",service=\"test\",scope=\"repository:team/cache:pull\"");
                answer(exchange, 401, "{}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            if (path.equals("/v2/team/cache/tags/list") && query.contains("last=")) {
                answer(exchange, 200, "{\"tags\": [\"k2\"]}");
            } else if (path.equals("/v2/team/cache/tags/list")) {
                exchange.getResponseHeaders().add("Link", "</v2/team/cache/tags/list?n=1000&last=k1>; rel=\"next\"");
                answer(exchange, 200, "{\"tags\": [\"k1\"]}");
            } else if (exchange.getRequestMethod().equals("DELETE")) {
                answer(exchange, 405, "{\"errors\": [{\"code\": \"UNSUPPORTED\"}]}");
            } else {
                answer(exchange, 404, "{}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aBearerChallengeIsAnsweredWithATokenAskedForWithTheCredentialsAndPagesAreFollowed() {
        RegistryApi api = new RegistryApi(address, Optional.of(new RegistryCredentials(address, "ci", "secret")));

        assertEquals(List.of("k1", "k2"), api.tags("team/cache"));
        assertEquals(1, tokenScopes.size(), "one token for both pages: " + tokenScopes);
        assertTrue(tokenScopes.get(0).contains("scope=repository%3Ateam%2Fcache%3Apull"), tokenScopes.get(0));
        assertTrue(tokenScopes.get(0).contains("service=test"), tokenScopes.get(0));
        assertFalse(api.manifest("team/cache", "missing").isPresent(), "a missing tag is no error");
    }

    @Test
    void refusalsSayWhatAndWhy() {
        RegistryApi.RegistryApiException wrong = assertThrows(RegistryApi.RegistryApiException.class,
                () -> new RegistryApi(address, Optional.of(new RegistryCredentials(address, "ci", "wrong")))
                        .tags("team/cache"));
        assertTrue(wrong.getMessage().contains("refused GET /v2/team/cache/tags/list (401, with the credentials of ci)"),
                wrong.getMessage());
        assertFalse(wrong.unreachable());

        RegistryApi.RegistryApiException noDeletes = assertThrows(RegistryApi.RegistryApiException.class,
                () -> new RegistryApi(address, Optional.of(new RegistryCredentials(address, "ci", "secret")))
                        .delete("team/cache", "sha256:" + "0".repeat(64)));
        assertTrue(noDeletes.getMessage().contains("does not allow deletes"), noDeletes.getMessage());
    }

    @Test
    void aRegistryThatDoesNotAnswerIsUnreachable() {
        server.stop(0);
        RegistryApi.RegistryApiException down = assertThrows(RegistryApi.RegistryApiException.class,
                () -> new RegistryApi(address, Optional.empty()).tags("team/cache"));
        assertTrue(down.unreachable(), down.getMessage());
    }

    @Test
    void dockerHubPathsGetTheirLibraryPrefix() {
        assertEquals("library/busybox", RegistryApi.path(ImageReference.parse("busybox")));
        assertEquals("team/cache", RegistryApi.path(ImageReference.parse("registry.example:5000/team/cache")));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
