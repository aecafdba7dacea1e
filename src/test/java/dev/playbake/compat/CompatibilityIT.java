package dev.playbake.compat;

import dev.playbake.docker.DockerHost;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every playbook of the corpus ({@code src/test/resources/compat/NAME/playbook.yml}) leaves the
 * same statuses and the same files under playbake as under {@code ansible-playbook}, on its first
 * run and on its second. {@code -Dcompat.only=NAME,…} runs a few cases.
 */
class CompatibilityIT {

    static final Path CORPUS = Path.of("src/test/resources/compat");

    private static DockerHost docker;
    private static HttpFixtureServer http;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterAll
    static void close() {
        if (http != null) {
            http.close();
        }
        docker.close();
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        String only = System.getProperty("compat.only", "");
        Differential differential = new Differential(docker, TestEnvironment.get().debianPythonImage());
        return Files.list(CORPUS)
                .filter(dir -> Files.exists(dir.resolve("playbook.yml")))
                .filter(dir -> only.isEmpty() || Stream.of(only.split(",")).anyMatch(dir.getFileName().toString()::equals))
                .sorted()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                    Differential.Report report = differential.run(dir, generated(dir));
                    System.out.println(report.identical() ? report.name() + ": identical" : report.text());
                    assertTrue(report.identical(), report::text);
                }));
    }

    /** The test HTTP server's address for the cases that need it, starting the server on first use. */
    private static Map<String, String> generated(Path caseDir) {
        if (!Files.exists(caseDir.resolve(HttpFixtureServer.MARKER))) {
            return Map.of();
        }
        synchronized (CompatibilityIT.class) {
            if (http == null) {
                http = HttpFixtureServer.start(docker, TestEnvironment.get().debianPythonImage());
            }
            return http.generatedVars();
        }
    }
}
