package dev.playbake.engine.actions;

import dev.playbake.connection.Connection;
import dev.playbake.engine.HostState;
import dev.playbake.engine.PlaybookFiles;
import dev.playbake.engine.RuntimeInventory;
import dev.playbake.engine.Scope;
import dev.playbake.modules.ModuleResult;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.Role;
import dev.playbake.playbook.Task;
import dev.playbake.template.AnsibleValues;
import dev.playbake.template.Templar;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What an action may use of the run: the task and its scope, the host state, the playbook's files. */
public interface ActionContext {

    Task task();

    /** The variables the task (or this loop item) sees. */
    Scope scope();

    Templar templar();

    HostState state();

    PlaybookFiles files();

    /** Loads what the play pulls in while it runs (include_tasks, include_role, include_vars). */
    PlaybookParser parser();

    Connection connection();

    /** inventory_hostname of the build container. */
    String hostname();

    /** The role the task runs in, inherited from its blocks. */
    Optional<Role> role();

    RuntimeInventory inventory();

    /** Runs a module with the task's become, environment and check mode (template hands its text to copy). */
    ModuleResult runModule(String name, Map<String, Object> args);

    /** Makes an included role's handlers notifiable. */
    void addRoleHandlers(Role role);

    /** Waits, giving up when the run is canceled. */
    void sleep(Duration duration);

    /** A value rendered with the task's variables, as text. */
    default String render(Object value) {
        return String.valueOf(templar().template(value, scope()));
    }

    /** The task's arguments rendered, omitted ones dropped. */
    default Map<String, Object> templatedArgs() {
        return AnsibleValues.withoutOmitted(renderedArgs());
    }

    /** The task's arguments rendered, omitted ones kept. */
    default Map<String, Object> renderedArgs() {
        return Maps.copy(templar().template(task().args(), scope()));
    }
}
