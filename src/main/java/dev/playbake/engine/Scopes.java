package dev.playbake.engine;

import dev.playbake.playbook.Block;
import dev.playbake.playbook.Role;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;
import dev.playbake.python.PyNone;
import dev.playbake.template.LazyVarsMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the variable scope of a play or task in Ansible's documented precedence (highest first):
 * extra vars, include params, role params, set_fact/registered, include_vars, task vars, block vars,
 * role vars, vars_files, play vars, facts, add_host's host vars, role defaults; then the names Ansible
 * computes itself.
 */
final class Scopes {

    /** The ansible-core release the corpus compares against, as {@code ansible_version} reports it. */
    static final String ANSIBLE_VERSION = "2.14.18";

    private final PlayRun run;

    Scopes(PlayRun run) {
        this.run = run;
    }

    Scope forPlay() {
        return build(List.of(), Optional.empty(), Map.of(), Map.of(), true);
    }

    Scope forTask(Inherited inherited, Map<String, Object> taskVars) {
        return build(inherited.blockVars(), inherited.role(), inherited.includeParams(), taskVars, true);
    }

    /**
     * What a handler's name is templated with when a notification looks for it: as Ansible's strategy asks its
     * variable manager for the play's and the handler's variables without a host, no facts, no set_fact or
     * registered results, no include_vars and no inventory variables.
     */
    Scope forHandlerName(Task handler) {
        return build(List.of(), handler.role(), Map.of(), handler.options().vars(), false);
    }

    private Scope build(List<Map<String, Object>> blockVars, Optional<Role> role, Map<String, Object> includeParams,
                        Map<String, Object> taskVars, boolean host) {
        List<Map<String, Object>> layers = new ArrayList<>();
        layers.add(run.context().extraVars());
        layers.add(includeParams);
        role.ifPresent(r -> layers.add(r.params()));
        if (host) {
            layers.add(run.state().hostVars());
            layers.add(run.state().includedVars());
        }
        layers.add(taskVars);
        layers.addAll(blockVars);
        role.ifPresent(r -> layers.add(r.vars()));
        for (Role other : run.play().roles()) {
            if (role.map(r -> r != other).orElse(true)) {
                layers.add(other.vars());
            }
        }
        layers.add(run.varsFiles());
        layers.add(run.play().vars());
        if (host) {
            layers.add(factVariables());
            layers.add(run.state().inventory().vars);
        }
        role.ifPresent(r -> layers.add(r.defaults()));
        for (Role other : run.play().roles()) {
            if (role.map(r -> r != other).orElse(true)) {
                layers.add(other.defaults());
            }
        }
        AtomicReference<Scope> self = new AtomicReference<>();
        Scope scope = new Scope(layers, name -> magic(name, role, self.get()));
        self.set(scope);
        return scope;
    }

    /**
     * The names of the roles a play lists ({@code dependencies} false) or of the roles its roles depend on
     * (true), as Ansible's {@code ansible_play_role_names} and {@code ansible_dependent_role_names}.
     */
    private static List<String> roleNames(List<Step> playTasks, boolean dependencies) {
        Set<String> names = new LinkedHashSet<>();
        for (Step step : playTasks) {
            if (step instanceof Block block && block.role().isPresent()) {
                if (dependencies) {
                    addDependencies(block, names);
                } else {
                    names.add(block.role().get().name());
                }
            }
        }
        return List.copyOf(names);
    }

    /** A role's block holds its dependencies' blocks first, each carrying its role. */
    private static void addDependencies(Block roleBlock, Set<String> names) {
        for (Step inner : roleBlock.block()) {
            if (inner instanceof Block dependency && dependency.role().isPresent()) {
                names.add(dependency.role().get().name());
                addDependencies(dependency, names);
            }
        }
    }

    private Map<String, Object> factVariables() {
        Map<String, Object> facts = run.state().facts();
        Map<String, Object> layer = new LinkedHashMap<>();
        facts.forEach((k, v) -> layer.put("ansible_" + k, v));
        layer.put("ansible_facts", facts);
        return layer;
    }

    private Optional<Object> magic(String name, Optional<Role> role, Scope scope) {
        String host = run.context().hostname();
        return Optional.ofNullable(switch (name) {
            case "inventory_hostname", "inventory_hostname_short", "ansible_host" -> host;
            case "groups" -> run.inventory().groups();
            case "group_names" -> run.inventory().groupNames();
            case "play_hosts", "ansible_play_hosts", "ansible_play_batch", "ansible_play_hosts_all" -> List.of(host);
            case "ansible_play_name" -> run.play().displayName();
            case "playbook_dir" -> PlaybookFiles.ROOT;
            case "inventory_dir" -> PlaybookFiles.ROOT;
            case "ansible_check_mode", "ansible_diff_mode" -> false;
            // ansible-playbook's options as it sets them without -v and --forks
            case "ansible_verbosity" -> 0;
            case "ansible_forks" -> 5;
            case "ansible_connection" -> "docker";
            case "ansible_version" -> Map.of("full", ANSIBLE_VERSION, "major", 2, "minor", 14, "revision", 18,
                    "string", ANSIBLE_VERSION);
            case "ansible_play_role_names", "role_names" -> roleNames(run.play().tasks(), false);
            case "ansible_dependent_role_names" -> roleNames(run.play().tasks(), true);
            case "ansible_role_names" -> run.play().roles().stream().map(Role::name).distinct().toList();
            case "ansible_run_tags" -> run.context().tags().only().isEmpty() ? List.of("all")
                    : List.copyOf(run.context().tags().only());
            case "ansible_skip_tags" -> List.copyOf(run.context().tags().skip());
            case "role_path" -> role.map(r -> PlaybookFiles.ROOT + "/" + r.path()).orElse(null);
            case "role_name" -> role.map(Role::shortName).orElse(null);
            case "ansible_role_name" -> role.map(Role::name).orElse(null);
            // None for a role from roles/
            case "ansible_collection_name" -> role.map(r -> r.collection().<Object>map(c -> c).orElse(PyNone.NONE))
                    .orElse(null);
            case "vars" -> new LazyVarsMap(scope::names, scope, run.templar());
            case "hostvars" -> Map.of(host, new LazyVarsMap(scope::names, scope, run.templar()));
            default -> null;
        });
    }
}
