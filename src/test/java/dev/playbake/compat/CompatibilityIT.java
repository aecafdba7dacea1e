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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every playbook of the corpus ({@code src/test/resources/compat/NAME/playbook.yml}) leaves the
 * same statuses and the same files under playbake as under {@code ansible-playbook}, on its first
 * run and on its second. {@code -Dcompat.only=NAME,…} runs a few cases; {@code -Dcompat.parallel=N}
 * sets how many cases run at once (default 3); {@code -Dcompat.corpus=DIR} runs the cases of another
 * directory laid out the same way, such as a user's own roles.
 */
class CompatibilityIT {

    static final Path CORPUS = Path.of(System.getProperty("compat.corpus", "src/test/resources/compat"));

    private static DockerHost docker;
    private static ExecutorService cases;
    private static HttpFixtureServer http;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
        // a case mostly waits on docker exec and ansible's round trips, so a few at once use the 2 cores
        // far better than one after another
        cases = Executors.newFixedThreadPool(Integer.getInteger("compat.parallel", 3));
    }

    @AfterAll
    static void close() {
        cases.shutdownNow();
        if (http != null) {
            http.close();
        }
        docker.close();
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        String only = System.getProperty("compat.only", "");
        Differential differential = new Differential(docker, TestEnvironment.get().debianPythonImage());
        List<Path> dirs;
        try (Stream<Path> list = Files.list(CORPUS)) {
            dirs = list.filter(dir -> Files.exists(dir.resolve("playbook.yml")))
                    .filter(dir -> only.isEmpty() || Stream.of(only.split(",")).anyMatch(dir.getFileName().toString()::equals))
                    .sorted()
                    .toList();
        }
        // every case starts now, bounded by the pool; each dynamic test waits for its own
        Map<Path, CompletableFuture<Differential.Report>> reports = new LinkedHashMap<>();
        dirs.forEach(dir -> reports.put(dir, CompletableFuture.supplyAsync(() -> run(differential, dir), cases)));
        return reports.entrySet().stream().map(report -> DynamicTest.dynamicTest(report.getKey().getFileName().toString(),
                () -> {
                    Differential.Report done = report.getValue().join();
                    System.out.println(done.identical() ? done.name() + ": identical" : done.text());
                    assertTrue(done.identical(), done::text);
                }));
    }

    private static Differential.Report run(Differential differential, Path dir) {
        long start = System.nanoTime();
        try {
            Differential.Report report = differential.run(dir, generated(dir));
            // which cases cost the corpus' minutes, for whoever has to make it faster
            System.out.printf("%s took %d s%n", report.name(), (System.nanoTime() - start) / 1_000_000_000);
            return report;
        } catch (IOException e) {
            return new Differential.Report(dir.getFileName().toString(), List.of("could not run: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Differential.Report(dir.getFileName().toString(), List.of("interrupted"));
        }
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
