package dev.playbake.imagebuild;

import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A running command's lines reach the build's listener while it runs: the task below prints {@code first} and
 * then waits for a file that the listener creates only when it has seen {@code first}, so without live lines the
 * command would give up. Also: a no_log task streams nothing, a secret is masked in the live lines, and no line
 * is shown twice, on Debian and on busybox's sh.
 */
class LiveOutputIT {

    private static final String SECRET = "s3cr3t-" + java.util.UUID.randomUUID();
    private static DockerHost docker;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    static List<String> baseImages() {
        return List.of(TestEnvironment.get().debianImage(), TestEnvironment.get().busyboxImage());
    }

    /** Every event as text, in order; on {@code first} it lets the waiting command go on. */
    private static final class Listener implements BuildListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void taskStarted(TaskStart start) {
            events.add("start " + start.name());
        }

        @Override
        public void taskOutput(TaskStart task, boolean stderr, String line) {
            events.add(task.name() + (stderr ? " ! " : " | ") + line);
            if (line.equals("first")) {
                // the build's connection is busy with the waiting command: a docker exec of our own (another user's)
                List<ContainerSummary> building = docker.containersLabelled("playbake.dev/owner=" + TestBuild.OWNER);
                assertEquals(1, building.size(), building::toString);
                docker.connection(building.get(0).id()).exec(ExecRequest.of("touch", "/tmp/go").withUser("0"));
            }
        }

        @Override
        public void taskFinished(TaskReport report) {
            events.add("end " + report.name() + "=" + report.status().label());
        }

        @Override
        public void log(String line) {
            events.add("log " + line);
        }
    }

    @ParameterizedTest
    @MethodSource("baseImages")
    void aRunningCommandsLinesComeWhileItRunsOnceEachMaskedAndNeverUnderNoLog(String base) {
        TestBuild build = new TestBuild("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: hidden
                      shell: echo hidden-early; sleep 2; echo hidden-late
                      no_log: true
                    - name: wait
                      shell: |
                        echo first
                        echo "key {{ api_key }}" >&2
                        i=0
                        while [ ! -e /tmp/go ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
                        if [ -e /tmp/go ]; then echo second; else echo gave-up; exit 1; fi
                """);
        build.base = base;
        build.secrets.put("api_key", SECRET);
        build.cache = BuildRequest.CacheMode.DISABLED;
        build.timeout = java.time.Duration.ofMinutes(2);
        Listener listener = new Listener();
        BuildResult result = new ImageBuilder(docker, TestBuild.KEY, Map.of())
                .build(build.request(), listener, new CancellationSignal());
        List<String> events = List.copyOf(listener.events);
        docker.removeImage(build.tag);
        assertInstanceOf(BuildResult.Succeeded.class, result, () -> result + "\n" + events);
        int first = events.indexOf("wait | first");
        int end = events.indexOf("end wait=changed");
        assertTrue(first > 0 && first < end, events::toString);
        assertEquals(1, events.stream().filter("wait | second"::equals).count(), events::toString);
        assertEquals(1, events.stream().filter("wait | first"::equals).count(), events::toString);
        assertTrue(events.contains("wait ! key ********"), events::toString);
        assertFalse(events.toString().contains(SECRET), events::toString);
        assertFalse(events.toString().contains("hidden-"), "a no_log task's lines: " + events);
        assertEquals(List.of(), events.stream().filter(e -> e.startsWith("hidden ")).toList());
    }
}
