package dev.playbake.testing;

import dev.playbake.image.RegistryCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A registry of its own for a test: the dev-env's registry binary on a free 127.0.0.1 port over plain HTTP (the
 * Docker engine treats 127.0.0.0/8 as insecure), with htpasswd credentials no other registry accepts, its data in
 * a temporary folder removed on close. One per tenant gives tenants credentials that do not open each other's images.
 */
public final class LoopbackRegistry implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final Path dir;
    private final String address;
    private final RegistryCredentials credentials;

    private LoopbackRegistry(Process process, Path dir, String address, RegistryCredentials credentials) {
        this.process = process;
        this.dir = dir;
        this.address = address;
        this.credentials = credentials;
    }

    /** Starts a registry whose only user is {@code user} with a random password, and waits until it answers. */
    public static LoopbackRegistry start(String user) {
        try {
            Path dir = Files.createTempDirectory("playbake-registry-");
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            String address = "127.0.0.1:" + port;
            String password = UUID.randomUUID().toString().replace("-", "");
            Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", user, password).start();
            String entry = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!htpasswd.waitFor(30, TimeUnit.SECONDS) || htpasswd.exitValue() != 0 || entry.isEmpty()) {
                throw new IllegalStateException("htpasswd could not make an entry for " + user);
            }
            Files.writeString(dir.resolve("htpasswd"), entry + "\n");
            Files.writeString(dir.resolve("config.yml"), """
                    version: 0.1
                    log:
                      level: warn
                    storage:
                      filesystem:
                        rootdirectory: %s/data
                      delete:
                        enabled: true
                    http:
                      addr: %s
                      secret: %s
                    auth:
                      htpasswd:
                        realm: playbake-test-%s
                        path: %s/htpasswd
                    """.formatted(dir, address, UUID.randomUUID(), user, dir));
            Process process = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            LoopbackRegistry registry = new LoopbackRegistry(process, dir, address,
                    new RegistryCredentials(address, user, password));
            registry.awaitAnswer();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a registry", e);
        }
    }

    /** {@code 127.0.0.1:<port>}, the registry part of its image references. */
    public String address() {
        return address;
    }

    /** The only credentials it accepts. */
    public RegistryCredentials credentials() {
        return credentials;
    }

    private void awaitAnswer() throws InterruptedException, IOException {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + address + "/v2/").toURL()
                        .openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(1000);
                if (connection.getResponseCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the registry on " + address + " did not answer within 10 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
