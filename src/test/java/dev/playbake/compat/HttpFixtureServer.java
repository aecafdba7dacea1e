package dev.playbake.compat;

import dev.playbake.connection.Connection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.docker.DockerHost;
import dev.playbake.runtime.ContainerSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The corpus' HTTP server ({@code src/test/resources/http-fixture/server.py}) in a container of its
 * own, reached at that container's address on the default bridge by both sides' containers and by
 * the engine on the host. Cases that contain a {@code needs-http} file get its URL as
 * {@code server_url} in a generated {@code vars/server.yml}.
 */
final class HttpFixtureServer implements AutoCloseable {

    /** The marker file of a case that needs the server. */
    static final String MARKER = "needs-http";

    private final DockerHost docker;
    private final String containerId;
    private final String url;

    private HttpFixtureServer(DockerHost docker, String containerId, String url) {
        this.docker = docker;
        this.containerId = containerId;
        this.url = url;
    }

    /** Starts the server and waits until it answers. */
    static HttpFixtureServer start(DockerHost docker, String pythonImage) {
        String id = docker.startContainer(new ContainerSpec(pythonImage,
                Map.of("playbake.dev/build", "compat-http-server", "playbake.dev/test", "compat")));
        try {
            Connection connection = docker.connection(id);
            connection.put(List.of(new FileEntry("/srv/server.py", script(), 0644)));
            exec(connection, "setsid python3 /srv/server.py >/srv/server.log 2>&1 </dev/null &");
            String address = exec(connection, "for i in $(seq 100); do python3 -c 'import urllib.request; "
                    + "urllib.request.urlopen(\"http://127.0.0.1:8080/hello.txt\")' 2>/dev/null && break; sleep 0.1; done; "
                    + "python3 -c 'import socket; print(socket.gethostbyname(socket.gethostname()))'").strip();
            return new HttpFixtureServer(docker, id, "http://" + address + ":8080");
        } catch (RuntimeException e) {
            docker.removeContainer(id);
            throw e;
        }
    }

    /** The server's base URL, without a trailing slash. */
    String url() {
        return url;
    }

    /** The generated files a case needs to find the server. */
    Map<String, String> generatedVars() {
        return Map.of("vars/server.yml", "server_url: " + url + "\n");
    }

    @Override
    public void close() {
        docker.removeContainer(containerId);
    }

    private static String exec(Connection connection, String script) {
        ExecResult result = connection.exec(ExecRequest.shell(script));
        if (!result.succeeded()) {
            throw new IllegalStateException("test HTTP server: " + script + ": " + result.stderr());
        }
        return result.stdout();
    }

    private static byte[] script() {
        try (InputStream in = HttpFixtureServer.class.getResourceAsStream("/http-fixture/server.py")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
