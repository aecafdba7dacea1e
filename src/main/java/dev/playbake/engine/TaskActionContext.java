package dev.playbake.engine;

import dev.playbake.connection.Connection;
import dev.playbake.engine.actions.ActionContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.Role;
import dev.playbake.playbook.Task;
import dev.playbake.template.Templar;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What an engine action sees of one task (or loop item) of a play's run. */
record TaskActionContext(PlayRun run, ModuleCall modules, Task task, Inherited inherited, Scope scope)
        implements ActionContext {

    @Override
    public Templar templar() {
        return run.templar();
    }

    @Override
    public HostState state() {
        return run.state();
    }

    @Override
    public PlaybookFiles files() {
        return run.files();
    }

    @Override
    public PlaybookParser parser() {
        return run.parser();
    }

    @Override
    public Connection connection() {
        return run.context().connection();
    }

    @Override
    public String hostname() {
        return run.context().hostname();
    }

    @Override
    public Optional<Role> role() {
        return inherited.role();
    }

    @Override
    public RuntimeInventory inventory() {
        return run.inventory();
    }

    @Override
    public ModuleResult runModule(String name, Map<String, Object> args) {
        return modules.module(name).run(modules.context(inherited, scope, args));
    }

    @Override
    public void addRoleHandlers(Role role) {
        run.addRoleHandlers(role);
    }

    @Override
    public void sleep(Duration duration) {
        TaskRunner.sleep(duration);
    }
}
