package dev.playbake.testing;

import dev.playbake.image.RegistryCredentials;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The real parts scripts/dev-env started, as its test-env.properties describes them. */
public final class TestEnvironment {

    private static final TestEnvironment INSTANCE = load();

    private final Properties properties;

    private TestEnvironment(Properties properties) {
        this.properties = properties;
    }

    public static TestEnvironment get() {
        return INSTANCE;
    }

    private static TestEnvironment load() {
        Path file = Path.of(System.getProperty("playbake.dev.home", "/var/lib/playbake-dev"), "test-env.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(file + " is missing: run scripts/dev-env first", e);
        }
        return new TestEnvironment(properties);
    }

    public String value(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("test-env.properties has no '" + key + "': rerun scripts/dev-env");
        }
        return value;
    }

    public String dockerHost() {
        return value("docker.host");
    }

    public String debianImage() {
        return value("image.debian");
    }

    public String debianPythonImage() {
        return value("image.debian-python");
    }

    public String busyboxImage() {
        return value("image.busybox");
    }

    /** Debian with dnf, rpm and local rpm repositories of tiny test packages (scripts/dnf-image). */
    public String debianDnfImage() {
        return value("image.debian-dnf");
    }

    /** host:port of the registry with htpasswd authentication over plain HTTP. */
    public String registry() {
        return value("registry");
    }

    /** host:port of the registry with the same authentication over TLS with a private CA. */
    public String tlsRegistry() {
        return value("registry.tls");
    }

    public RegistryCredentials credentials(String registry) {
        return new RegistryCredentials(registry, value("registry.username"), value("registry.password"));
    }
}
