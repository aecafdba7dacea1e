package dev.playbake.engine;

import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.files.FetchModule;
import dev.playbake.playbook.AnsibleModules;
import dev.playbake.playbook.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks before a build starts that every task calls something playbake can run, and says what to use instead. */
public final class ModuleSupport {

    private static final String NOT_ON_LINUX = "nothing on this image: %s is %s's package manager, which no Linux"
            + " image runs; keep the task under the role's guard (when: ansible_os_family == '%s')";

    private static final String OTHER_FAMILY = " (playbake manages apt and dnf images; %s is the package manager of"
            + " another distribution family, which it does not implement)";

    private static final String SERVER = "a task the image runs when it starts (its entrypoint, or the image's"
            + " init scripts such as /docker-entrypoint-initdb.d), or a command task that starts the server, runs"
            + " %s and stops it: a build starts no services, so no server answers %s";

    private static final Map<String, String> ALTERNATIVES = Map.ofEntries(
            Map.entry("zypper", "a command task: zypper --non-interactive install NAME" + OTHER_FAMILY.formatted("zypper")),
            Map.entry("zypper_repository", "a command task (zypper --non-interactive addrepo URL NAME), or copy a"
                    + " .repo file into /etc/zypp/repos.d" + OTHER_FAMILY.formatted("zypper")),
            Map.entry("pacman", "a command task: pacman -S --noconfirm --needed NAME" + OTHER_FAMILY.formatted("pacman")),
            Map.entry("pkgng", NOT_ON_LINUX.formatted("pkgng", "FreeBSD", "FreeBSD")),
            Map.entry("openbsd_pkg", NOT_ON_LINUX.formatted("openbsd_pkg", "OpenBSD", "OpenBSD")),
            Map.entry("postgresql_db", SERVER.formatted("psql", "this module")),
            Map.entry("postgresql_user", SERVER.formatted("psql", "this module")),
            Map.entry("postgresql_privs", SERVER.formatted("psql", "this module")),
            Map.entry("postgresql_ext", SERVER.formatted("psql", "this module")),
            Map.entry("postgresql_schema", SERVER.formatted("psql", "this module")),
            Map.entry("mysql_db", SERVER.formatted("mysql", "this module")),
            Map.entry("mysql_user", SERVER.formatted("mysql", "this module")),
            Map.entry("grafana_datasource", "a provisioning file: copy or template a YAML file into"
                    + " /etc/grafana/provisioning/datasources, which Grafana reads when it starts (a build starts"
                    + " no Grafana for this module's API calls)"),
            Map.entry("grafana_dashboard", "a provisioning file: copy the dashboard's JSON and a provider YAML into"
                    + " /etc/grafana/provisioning/dashboards, which Grafana reads when it starts (a build starts"
                    + " no Grafana for this module's API calls)"),
            Map.entry("synchronize", "copy with a directory src (or unarchive)"),
            Map.entry("docker_container", "nothing: a build cannot start containers; build images separately"),
            Map.entry("apk", "a command task: apk add --no-cache NAME"),
            Map.entry("deb822_repository", "apt_repository, or copy a .sources file into /etc/apt/sources.list.d"
                    + " (deb822_repository is newer than ansible-core 2.14, the reference playbake follows)"),
            Map.entry("hostname", "nothing in the image: a container's host name comes from the runtime"
                    + " (docker run --hostname, a pod's spec.hostname), and Docker bind-mounts /etc/hostname"),
            Map.entry("xml", "template for a whole file, or lineinfile/replace/blockinfile for an edit"
                    + " (Ansible's xml module is lxml's XPath engine, which an image without Python does not have)"));

    private static final String NO_ALTERNATIVE = " (see the module table in docs/compatibility.md)";

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
            if (!supported && (visit.certain() || !AnsibleModules.resolves(task.written(), task.collections()))) {
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
        return "the module '" + task.action() + "' is not supported by playbake" + suggestion(task, modules);
    }

    /**
     * What to use instead: the documented alternative, else, for a name Ansible does not know either, the known
     * name closest to a misspelt one.
     */
    private static String suggestion(Task task, ModuleRegistry modules) {
        String module = task.action();
        String shortName = module.substring(module.lastIndexOf('.') + 1);
        String alternative = ALTERNATIVES.get(shortName);
        if (alternative != null) {
            return "; instead use " + alternative;
        }
        if (AnsibleModules.resolves(task.written(), task.collections())) {
            return NO_ALTERNATIVE;
        }
        List<String> known = new ArrayList<>(modules.names());
        known.addAll(ActionRegistry.standard().names());
        return Misspelling.closest(shortName, known).map(name -> "; did you mean '" + name + "'?").orElse(NO_ALTERNATIVE);
    }
}
