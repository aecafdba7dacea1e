package dev.playbake.engine;

import dev.playbake.playbook.Role;
import dev.playbake.template.LazyVarsMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the variable scope of a play or task in Ansible's documented precedence (highest first):
 * extra vars, include params, role params, set_fact/registered, include_vars, task vars, block vars,
 * role vars, vars_files, play vars, facts, add_host's host vars, role defaults; then the names Ansible
 * computes itself.
 */
final class Scopes {

    private final PlayRun run;

    Scopes(PlayRun run) {
        this.run = run;
    }

    Scope forPlay() {
        return build(List.of(), Optional.empty(), Map.of(), Map.of());
    }

    Scope forTask(Inherited inherited, Map<String, Object> taskVars) {
        return build(inherited.blockVars(), inherited.role(), inherited.includeParams(), taskVars);
    }

    private Scope build(List<Map<String, Object>> blockVars, Optional<Role> role, Map<String, Object> includeParams,
                        Map<String, Object> taskVars) {
        List<Map<String, Object>> layers = new ArrayList<>();
        layers.add(run.context().extraVars());
        layers.add(includeParams);
        role.ifPresent(r -> layers.add(r.params()));
        layers.add(run.state().hostVars());
        layers.add(run.state().includedVars());
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
        layers.add(factVariables());
        layers.add(run.state().inventory().vars);
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
            case "ansible_connection" -> "docker";
            case "ansible_version" -> Map.of("full", "2.14.0", "major", 2, "minor", 14, "revision", 0,
                    "string", "2.14.0");
            case "ansible_run_tags" -> run.context().tags().only().isEmpty() ? List.of("all")
                    : List.copyOf(run.context().tags().only());
            case "ansible_skip_tags" -> List.copyOf(run.context().tags().skip());
            case "role_path" -> role.map(r -> PlaybookFiles.ROOT + "/" + r.path()).orElse(null);
            case "role_name", "ansible_role_name" -> role.map(Role::name).orElse(null);
            case "vars" -> new LazyVarsMap(scope::names, scope, run.templar());
            case "hostvars" -> Map.of(host, new LazyVarsMap(scope::names, scope, run.templar()));
            default -> null;
        });
    }
}
