package dev.playbake.engine;

import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.files.FetchModule;
import dev.playbake.playbook.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks before a build starts that every task calls something playbake can run, and says what to use instead. */
public final class ModuleSupport {

    private static final Map<String, String> ALTERNATIVES = Map.ofEntries(
            Map.entry("synchronize", "copy with a directory src (or unarchive)"),
            Map.entry("docker_container", "nothing: a build cannot start containers; build images separately"),
            Map.entry("apk", "a command task: apk add --no-cache NAME"),
            Map.entry("deb822_repository", "apt_repository, or copy a .sources file into /etc/apt/sources.list.d"
                    + " (deb822_repository is newer than ansible-core 2.14, the reference playbake follows)"),
            Map.entry("hostname", "nothing in the image: a container's host name comes from the runtime"
                    + " (docker run --hostname, a pod's spec.hostname), and Docker bind-mounts /etc/hostname"),
            Map.entry("xml", "template for a whole file, or lineinfile/replace/blockinfile for an edit"
                    + " (Ansible's xml module is lxml's XPath engine, which an image without Python does not have)"));

    private static final String NO_ALTERNATIVE = " (see the README's module table)";

    private ModuleSupport() {
    }

    /**
     * A certain problem for each task naming a module neither playbake nor Ansible has (Ansible refuses such a play
     * before it runs), each task that {@linkplain CertainTasks certainly runs} a module Ansible has and playbake
     * lacks, and each fetch in a build without an artifact folder (the operator's): each of those builds could only
     * fail at the task, after doing the work before it. A task that may not run is left to run time, where it fails
     * with the same message if it is reached.
     */
    static List<Problem> problems(List<CertainTasks.Visit> visits, ModuleRegistry modules, boolean artifactFolder) {
        List<Problem> problems = new ArrayList<>();
        for (CertainTasks.Visit visit : visits) {
            Task task = visit.task();
            boolean supported = ActionRegistry.standard().find(task.action()).isPresent()
                    || modules.find(task.action()).isPresent();
            if (!supported && (visit.certain() || !AnsibleModules.knows(task.action()))) {
                problems.add(new Problem(task, unsupportedMessage(task, modules), true));
            }
            if (task.action().equals("fetch") && !artifactFolder) {
                problems.add(new Problem(task, FetchModule.NO_ARTIFACT_FOLDER, true));
            }
        }
        return problems;
    }

    /** The message for a task whose module playbake does not have: the module, the task and what to use. */
    static String unsupported(Task task, ModuleRegistry modules) {
        return "task '" + task.displayName() + "': " + unsupportedMessage(task, modules);
    }

    private static String unsupportedMessage(Task task, ModuleRegistry modules) {
        return "the module '" + task.action() + "' is not supported by playbake" + suggestion(task.action(), modules);
    }

    /**
     * What to use instead: the documented alternative, else, for a name Ansible does not know either, the known
     * name closest to a misspelt one.
     */
    private static String suggestion(String module, ModuleRegistry modules) {
        String shortName = module.substring(module.lastIndexOf('.') + 1);
        String alternative = ALTERNATIVES.get(shortName);
        if (alternative != null) {
            return "; instead use " + alternative;
        }
        if (AnsibleModules.knows(module)) {
            return NO_ALTERNATIVE;
        }
        List<String> known = new ArrayList<>(modules.names());
        known.addAll(ActionRegistry.standard().names());
        return Misspelling.closest(shortName, known).map(name -> "; did you mean '" + name + "'?").orElse(NO_ALTERNATIVE);
    }
}
