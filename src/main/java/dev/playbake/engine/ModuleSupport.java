package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Block;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;

import java.util.List;
import java.util.Map;

/** Checks before a build starts that every task calls something playbake can run, and says what to use instead. */
public final class ModuleSupport {

    private static final Map<String, String> ALTERNATIVES = Map.ofEntries(
            Map.entry("synchronize", "copy with a directory src (or unarchive)"),
            Map.entry("fetch", "nothing inside the build: a cached step would not fetch again; copy the file out of the built image (docker cp)"),
            Map.entry("docker_container", "nothing: a build cannot start containers; build images separately"),
            Map.entry("service", "install the service's files; a build image has no running init"),
            Map.entry("systemd", "install the unit file with copy/template; a build image has no running systemd"),
            Map.entry("yum", "package (apt images) or a command task"),
            Map.entry("dnf", "package (apt images) or a command task"),
            Map.entry("apk", "a command task: apk add --no-cache NAME"),
            Map.entry("script", "copy the script, then command"),
            Map.entry("wait_for", "a command task with until/retries"),
            Map.entry("add_host", "nothing: a build has one host, the build container"),
            Map.entry("group_by", "nothing: a build has one host, the build container"));

    private ModuleSupport() {
    }

    /** Fails with file:line and task for the first task whose module playbake cannot run. */
    public static void check(Playbook playbook, ModuleRegistry modules) {
        for (Play play : playbook.plays()) {
            for (List<Step> section : List.of(play.preTasks(), play.tasks(), play.postTasks())) {
                section.forEach(step -> check(step, modules));
            }
            play.handlers().forEach(handler -> check(handler, modules));
        }
    }

    private static void check(Step step, ModuleRegistry modules) {
        if (step instanceof Block block) {
            block.block().forEach(s -> check(s, modules));
            block.rescue().forEach(s -> check(s, modules));
            block.always().forEach(s -> check(s, modules));
            return;
        }
        Task task = (Task) step;
        if (!Engine.ACTIONS.contains(task.action()) && modules.find(task.action()).isEmpty()) {
            throw new PlaybookException(task.location(), "task '" + task.displayName() + "': the module '"
                    + task.action() + "' is not supported by playbake" + suggestion(task.action()));
        }
    }

    static String suggestion(String module) {
        String shortName = module.substring(module.lastIndexOf('.') + 1);
        String alternative = ALTERNATIVES.get(shortName);
        return alternative == null ? " (see the README's module table)" : "; instead use " + alternative;
    }
}
