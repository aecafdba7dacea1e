package dev.playbake.modules.packaging;

import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.engine.ControllerAccess;
import dev.playbake.engine.Engine;
import dev.playbake.engine.EngineListener;
import dev.playbake.engine.HostState;
import dev.playbake.engine.RunContext;
import dev.playbake.engine.RunResult;
import dev.playbake.engine.StepObserver;
import dev.playbake.engine.TagSelection;
import dev.playbake.engine.TaskOutcome;
import dev.playbake.engine.TaskStatus;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dnf, yum and package on a real image with dnf and rpm (playbake-test/debian-dnf, local repositories of tiny
 * packages, see scripts/dnf-image): statuses and results as Ansible's dnf module gives them, and the rpm
 * database as each task should leave it.
 */
class DnfModuleIT {

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
        container = docker.startContainer(new ContainerSpec(TestEnvironment.get().debianDnfImage(),
                Map.of("playbake.dev/build", "dnf-module-it", "playbake.dev/test", "dnf")));
    }

    @AfterEach
    void stop() {
        docker.removeContainer(container);
    }

    @Test
    void installUpgradeAndRemoveChangeOnlyWhenThereIsWork() {
        Map<String, TaskOutcome> tasks = run("""
                - name: install an old version
                  dnf: {name: pb-hello-1.0}
                - name: install again by name
                  dnf: {name: pb-hello, state: present}
                - name: latest
                  dnf: {name: [pb-hello], state: latest}
                - name: latest again
                  dnf: {name: pb-hello, state: latest}
                - name: remove
                  dnf: {name: pb-hello, state: absent}
                - name: remove again
                  dnf: {name: pb-hello, state: removed}
                """);
        assertStatuses(tasks, "install an old version", TaskStatus.CHANGED, "install again by name", TaskStatus.OK,
                "latest", TaskStatus.CHANGED, "latest again", TaskStatus.OK, "remove", TaskStatus.CHANGED,
                "remove again", TaskStatus.OK);
        assertEquals(List.of("Installed: pb-hello-1.0-1.noarch"), tasks.get("install an old version").result().get("results"));
        assertEquals("", tasks.get("install an old version").result().get("msg"));
        assertEquals(List.of("Installed: pb-hello-2.0-1.noarch", "Removed: pb-hello-1.0-1.noarch"),
                tasks.get("latest").result().get("results"));
        assertEquals("Nothing to do", tasks.get("remove again").result().get("msg"));
        assertEquals(0, tasks.get("remove again").result().get("rc"));
        assertEquals("package pb-hello is not installed\n", rpmQuery("pb-hello"));
    }

    @Test
    void eachStepLeavesTheRpmDatabaseAsSaid() {
        run("- dnf: {name: pb-hello-1.0}");
        assertEquals("pb-hello-1.0-1.noarch\n", rpmQuery("pb-hello"));
        run("- dnf: {name: pb-hello}");
        assertEquals("pb-hello-1.0-1.noarch\n", rpmQuery("pb-hello"), "present does not upgrade");
        run("- dnf: {name: pb-hello, state: latest}");
        assertEquals("pb-hello-2.0-1.noarch\n", rpmQuery("pb-hello"));
    }

    @Test
    void checkModeReportsTheTransactionAndChangesNothing() {
        Map<String, TaskOutcome> tasks = run("""
                - name: would install
                  dnf: {name: pb-tool}
                  check_mode: true
                - name: would remove nothing
                  dnf: {name: pb-tool, state: absent}
                  check_mode: true
                """);
        TaskOutcome install = tasks.get("would install");
        assertEquals(TaskStatus.CHANGED, install.status());
        assertEquals(List.of("Installed: pb-tool-1.0-1.noarch", "Installed: pb-lib-1.0-1.noarch"),
                install.result().get("results"));
        assertEquals("Check mode: No changes made, but would have if not in check mode", install.result().get("msg"));
        assertEquals(TaskStatus.OK, tasks.get("would remove nothing").status());
        assertEquals("package pb-tool is not installed\npackage pb-lib is not installed\n", rpmQuery("pb-tool", "pb-lib"));
    }

    @Test
    void yumIsDnfAndRepositoriesAreEnabledPerTask() {
        Map<String, TaskOutcome> tasks = run("""
                - name: not in the enabled repositories
                  yum: {name: pb-extra}
                  ignore_errors: true
                - name: from the opt-in repository
                  yum: {name: pb-extra, enablerepo: extra, disable_gpg_check: true, update_cache: true}
                - name: with every other repository off
                  yum: {name: pb-lib, disablerepo: '*', enablerepo: local, install_weak_deps: false}
                """);
        TaskOutcome missing = tasks.get("not in the enabled repositories");
        assertEquals(TaskStatus.FAILED, missing.status());
        assertEquals("Failed to install some of the specified packages", missing.result().get("msg"));
        assertEquals(List.of("No package pb-extra available."), missing.result().get("failures"));
        assertEquals(TaskStatus.CHANGED, tasks.get("from the opt-in repository").status());
        assertEquals(TaskStatus.CHANGED, tasks.get("with every other repository off").status());
        assertEquals("pb-extra-1.0-1.noarch\npb-lib-1.0-1.noarch\n", rpmQuery("pb-extra", "pb-lib"));
    }

    @Test
    void removingKeepsDependenciesUnlessAutoremove() {
        run("""
                - dnf: {name: pb-tool}
                - dnf: {name: pb-tool, state: absent}
                """);
        assertEquals("package pb-tool is not installed\npb-lib-1.0-1.noarch\n", rpmQuery("pb-tool", "pb-lib"));
        Map<String, TaskOutcome> tasks = run("""
                - dnf: {name: pb-tool}
                - name: remove with autoremove
                  dnf: {name: pb-tool, state: absent, autoremove: true}
                """);
        assertEquals(List.of("Removed: pb-lib-1.0-1.noarch", "Removed: pb-tool-1.0-1.noarch"),
                tasks.get("remove with autoremove").result().get("results"));
        assertEquals("package pb-tool is not installed\npackage pb-lib is not installed\n", rpmQuery("pb-tool", "pb-lib"));
    }

    @Test
    void packageDispatchesOnTheFactAndOnUse() {
        Map<String, TaskOutcome> tasks = run("""
                - name: Debian with dnf installed is still apt, as in Ansible
                  assert: {that: ansible_pkg_mgr == 'apt'}
                - name: use names the backend
                  package: {name: pb-lib, use: dnf}
                - name: pretend to be Fedora, without apt (else Ansible too would say apt, the last one found)
                  shell: mv /usr/bin/apt-get /usr/bin/apt-get.off && rm /etc/os-release && printf 'ID=fedora\\nVERSION_ID=39\\nNAME=Fedora Linux\\n' >/etc/os-release
                - name: gather again (facts are gathered once per build)
                  setup:
                - name: Fedora with dnf says dnf
                  assert: {that: ansible_pkg_mgr == 'dnf'}
                - name: package by the fact
                  package: {name: pb-lib, state: absent}
                """);
        assertEquals(TaskStatus.CHANGED, tasks.get("use names the backend").status());
        assertEquals(TaskStatus.OK, tasks.get("Fedora with dnf says dnf").status());
        assertEquals(TaskStatus.CHANGED, tasks.get("package by the fact").status());
        assertEquals("package pb-lib is not installed\n", rpmQuery("pb-lib"));
    }

    @Test
    void unsupportedArgumentsAndMissingPackagesFailClearly() {
        Map<String, TaskOutcome> tasks = run("""
                - name: unsupported
                  dnf: {name: pb-hello, download_only: true}
                  ignore_errors: true
                - name: unknown
                  dnf: {name: pb-hello, colour: blue}
                  ignore_errors: true
                - name: no such package
                  dnf: {name: [pb-lib, pb-nope]}
                  ignore_errors: true
                """);
        assertTrue(tasks.get("unsupported").message().startsWith(
                "dnf: the argument 'download_only' is not supported by playbake"), tasks.get("unsupported").message());
        assertTrue(tasks.get("unknown").message().startsWith("Unsupported parameters for (dnf) module: colour"),
                tasks.get("unknown").message());
        TaskOutcome missing = tasks.get("no such package");
        assertEquals(TaskStatus.FAILED, missing.status());
        assertEquals(List.of("No package pb-nope available."), missing.result().get("failures"));
        assertEquals("package pb-lib is not installed\n", rpmQuery("pb-lib"), "nothing is installed when one is missing");
    }

    private String rpmQuery(String... names) {
        List<String> argv = new ArrayList<>(List.of("rpm", "-q"));
        argv.addAll(List.of(names));
        return docker.connection(container).exec(ExecRequest.of(argv.toArray(String[]::new))).stdout();
    }

    private static void assertStatuses(Map<String, TaskOutcome> tasks, Object... nameStatus) {
        Map<String, TaskStatus> expected = new LinkedHashMap<>();
        Map<String, TaskStatus> actual = new LinkedHashMap<>();
        for (int i = 0; i < nameStatus.length; i += 2) {
            expected.put((String) nameStatus[i], (TaskStatus) nameStatus[i + 1]);
            actual.put((String) nameStatus[i], tasks.get((String) nameStatus[i]).status());
        }
        assertEquals(expected, actual);
    }

    /** Runs the tasks as one play and returns each task's outcome by name. */
    private Map<String, TaskOutcome> run(String tasks) {
        String playbook = "- hosts: all\n  tasks:\n" + tasks.indent(4);
        Map<String, TaskOutcome> outcomes = new LinkedHashMap<>();
        List<String> log = new ArrayList<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void taskFinished(TaskOutcome outcome) {
                outcomes.put(outcome.name(), outcome);
                log.add(outcome.status() + " " + outcome.name() + " " + outcome.message());
            }

            @Override
            public void log(String line) {
                log.add(line);
            }
        };
        SourceFiles files = new SourceFiles(Map.of());
        RunResult result = new Engine(ModuleRegistry.standard()).run(PlaybookParser.parse("playbook.yml", playbook, files),
                new RunContext(docker.connection(container), files, Map.of(), "target", listener, Redactor.none(),
                        TagSelection.ALL, 0, new HostState(), StepObserver.NONE, () -> false, ServiceStatePolicy.RECORD,
                        Optional.empty(), ControllerAccess.open()));
        assertInstanceOf(RunResult.Completed.class, result, () -> String.join("\n", log));
        return outcomes;
    }
}
