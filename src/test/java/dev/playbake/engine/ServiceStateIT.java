package dev.playbake.engine;

import dev.playbake.docker.DockerHost;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.secrets.Redactor;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services in an image without systemctl (the minbase image): enabling makes systemctl's links
 * from the unit's [Install] section; a running-state request is recorded, starts nothing and reports
 * Ansible's status, or fails with the setting's name when the build's service state is strict.
 */
class ServiceStateIT {

    private static final String UNIT_TASK = """
            - hosts: all
              gather_facts: false
              tasks:
                - name: a unit
                  copy:
                    dest: /etc/systemd/system/web.service
                    content: |
                      [Service]
                      ExecStart=/bin/sleep infinity
                      [Install]
                      WantedBy=multi-user.target
                      RequiredBy=network-online.target
                      Alias=www.service
                  notify: restart web
                - name: enable web
                  systemd: {name: web, enabled: true}
            """;

    private static DockerHost docker;
    private String container;

    @BeforeAll
    static void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterAll
    static void close() {
        docker.close();
    }

    @BeforeEach
    void start() {
        container = docker.startContainer(new ContainerSpec(TestEnvironment.get().debianImage(),
                Map.of("playbake.dev/build", "service-state-it", "playbake.dev/test", "service-state")));
    }

    @AfterEach
    void remove() {
        docker.removeContainer(container);
    }

    @Test
    void enablingMakesSystemctlsLinksAndIsIdempotent() {
        String playbook = UNIT_TASK + "  handlers:\n    - name: restart web\n      debug: {msg: restarted}\n";
        List<TaskOutcome> first = new ArrayList<>();
        assertInstanceOf(RunResult.Completed.class, run(playbook, ServiceStatePolicy.STRICT, first));
        assertEquals(TaskStatus.CHANGED, status(first, "enable web"));
        assertEquals("""
                /etc/systemd/system/multi-user.target.wants/web.service -> /etc/systemd/system/web.service
                /etc/systemd/system/network-online.target.requires/web.service -> /etc/systemd/system/web.service
                /etc/systemd/system/www.service -> /etc/systemd/system/web.service
                """, shell("for l in /etc/systemd/system/multi-user.target.wants/web.service"
                + " /etc/systemd/system/network-online.target.requires/web.service /etc/systemd/system/www.service;"
                + " do echo \"$l -> $(readlink $l)\"; done"));
        List<TaskOutcome> second = new ArrayList<>();
        run(playbook, ServiceStatePolicy.STRICT, second);
        assertEquals(TaskStatus.OK, status(second, "enable web"));
    }

    @Test
    void aRunningStateFailsWithTheSettingWhenStrict() {
        String playbook = UNIT_TASK + "    - name: start web\n      service: {name: web, state: started}\n";
        RunResult result = run(playbook.replace("      notify: restart web\n", ""), ServiceStatePolicy.STRICT,
                new ArrayList<>());
        RunResult.Failed failed = assertInstanceOf(RunResult.Failed.class, result);
        assertEquals("start web", failed.task());
        assertEquals(16, failed.location().line());
        assertTrue(failed.message().contains("--strict-service-state"), failed.message());
        assertTrue(failed.message().contains("spec.serviceState: Strict"), failed.message());
    }

    @Test
    void aRecordedStateReportsAnsiblesStatusWithANoteAndStartsNothing() {
        String playbook = UNIT_TASK.replace("systemd: {name: web, enabled: true}",
                "systemd: {name: web, enabled: true, state: started, daemon_reload: true}")
                + "    - name: stop web\n      systemd: {name: web, state: stopped}\n"
                + "    - name: reload systemd\n      systemd: {daemon_reload: true}\n"
                + "  handlers:\n    - name: restart web\n      service: {name: web, state: restarted}\n";
        List<TaskOutcome> outcomes = new ArrayList<>();
        assertInstanceOf(RunResult.Completed.class, run(playbook, ServiceStatePolicy.RECORD, outcomes));
        assertEquals(TaskStatus.CHANGED, status(outcomes, "enable web"));
        assertEquals(TaskStatus.OK, status(outcomes, "stop web"), "stopping a unit that is not running");
        TaskOutcome reload = outcome(outcomes, "reload systemd");
        assertEquals(TaskStatus.OK, reload.status());
        assertTrue(String.valueOf(reload.result().get("msg")).startsWith("daemon_reload recorded, not applied"),
                reload.result().toString());
        TaskOutcome handler = outcomes.get(outcomes.size() - 1);
        assertEquals("restart web", handler.name());
        assertEquals(TaskStatus.CHANGED, handler.status());
        assertTrue(String.valueOf(handler.result().get("msg")).contains("state: restarted of 'web' recorded, not applied"),
                handler.result().toString());
        assertEquals("/etc/systemd/system/web.service\n",
                shell("readlink /etc/systemd/system/multi-user.target.wants/web.service"));
        assertEquals("", shell("for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline; echo; done | grep '^/bin/sleep infinity' || true"),
                "nothing started");
    }

    private RunResult run(String playbook, ServiceStatePolicy serviceState, List<TaskOutcome> outcomes) {
        SourceFiles files = new SourceFiles(Map.of("playbook.yml", playbook.getBytes(StandardCharsets.UTF_8)));
        ModuleRegistry modules = ModuleRegistry.standard();
        var parsed = PlaybookParser.parse("playbook.yml", playbook, files);
        EngineListener listener = new EngineListener() {
            @Override
            public void taskFinished(TaskOutcome outcome) {
                outcomes.add(outcome);
            }
        };
        return new Engine(modules).run(parsed, new RunContext(docker.connection(container), files, Map.of(), "target",
                listener, Redactor.none(), TagSelection.ALL, 0, new HostState(), StepObserver.NONE, () -> false,
                serviceState, Optional.empty(), ControllerAccess.open()));
    }

    private String shell(String script) {
        return docker.connection(container).exec(dev.playbake.connection.ExecRequest.shell(script)).stdout();
    }

    private static TaskStatus status(List<TaskOutcome> outcomes, String name) {
        return outcome(outcomes, name).status();
    }

    private static TaskOutcome outcome(List<TaskOutcome> outcomes, String name) {
        return outcomes.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }
}
