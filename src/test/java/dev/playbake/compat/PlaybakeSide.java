package dev.playbake.compat;

import dev.playbake.docker.DockerHost;
import dev.playbake.engine.ControllerAccess;
import dev.playbake.engine.Engine;
import dev.playbake.engine.EngineListener;
import dev.playbake.engine.HostState;
import dev.playbake.engine.PlaybookCheck;
import dev.playbake.engine.RunContext;
import dev.playbake.engine.RunResult;
import dev.playbake.engine.StepObserver;
import dev.playbake.engine.TagSelection;
import dev.playbake.engine.TaskOutcome;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.secrets.Redactor;
import dev.playbake.template.PasswordStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * playbake's side of a differential run: the engine itself over {@code docker exec}, without the
 * build pipeline, so that nothing but the playbook's own work touches the container (no cache
 * snapshots, no commit) and the run is as fast as the engine.
 */
final class PlaybakeSide {

    /** What a run reported: each task's status in order, and why it stopped when a task failed. */
    record Run(List<TaskLine> tasks, String failure, List<String> log) {
    }

    private final DockerHost docker;

    PlaybakeSide(DockerHost docker) {
        this.docker = docker;
    }

    /**
     * Runs the playbook; {@code artifacts} is the folder fetch writes to (Ansible writes beside the playbook).
     */
    Run run(Path dir, String playbookFile, String containerId, TagSelection tags, Map<String, Object> extraVars,
            Path artifacts) {
        SourceFiles files = new SourceFiles(read(dir));
        List<TaskLine> tasks = new ArrayList<>();
        List<String> log = new ArrayList<>();
        Playbook playbook;
        ModuleRegistry modules = ModuleRegistry.standard();
        try {
            String text = files.readText(playbookFile).orElseThrow();
            playbook = PlaybookParser.parse(playbookFile, text, files);
            PlaybookCheck.check(playbook, new PlaybookCheck.Inputs(modules, playbookFile, text, files, true, tags,
                    extraVars.keySet()));
        } catch (PlaybookException e) {
            return new Run(tasks, e.getMessage(), log);
        }
        EngineListener listener = new EngineListener() {
            @Override
            public void taskFinished(TaskOutcome outcome) {
                tasks.add(new TaskLine(outcome.name(), outcome.status().name().toLowerCase(Locale.ROOT)));
                if (outcome.status() == dev.playbake.engine.TaskStatus.FAILED) {
                    log.add(outcome.name() + ": " + outcome.message());
                }
            }

            @Override
            public void log(String line) {
                log.add(line);
            }
        };
        // lookup('password') writes next to the playbook, as Ansible does on its controller
        RunResult result = new Engine(modules, PasswordStore.directory(dir)).run(playbook, new RunContext(docker.connection(containerId), files,
                extraVars, Differential.HOST, listener, Redactor.none(), tags, 0, new HostState(),
                StepObserver.NONE, () -> false, ServiceStatePolicy.RECORD, Optional.of(new HostFolder(artifacts)),
                ControllerAccess.open()));
        String failure = result instanceof RunResult.Failed failed
                ? failed.location() + " " + failed.task() + ": " + failed.message() : "";
        return new Run(tasks, failure, log);
    }

    private static Map<String, byte[]> read(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
