package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Block;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.Role;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;
import dev.playbake.template.AnsibleValues;
import dev.playbake.template.Templar;
import dev.playbake.template.TemplateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/** One play's run: its variables, its handlers and the steps it executes. */
final class PlayRun {
    private final Play play;
    private final RunContext context;
    private final Templar templar;
    private final PlaybookFiles files;
    private final PlaybookParser parser;
    private final HostState state;
    private final TaskPlan plan;
    private final TaskRunner tasks;
    private final Map<String, Object> varsFiles = new LinkedHashMap<>();
    private final List<Task> handlers;
    /** The last task that failed unignored and its result: a rescue's ansible_failed_task/_result. */
    private final Map<Task, Optional<String>> handlerNames = new IdentityHashMap<>();
    private Map<String, Object> lastFailure = Map.of();
    private boolean factsGathered;

    PlayRun(Play play, RunContext context, Templar templar, PlaybookFiles files, PlaybookParser parser,
            ModuleRegistry modules, HostState state, TaskPlan plan) {
        this.play = play;
        this.context = context;
        this.templar = templar;
        this.files = files;
        this.parser = parser;
        this.state = state;
        this.plan = plan;
        this.handlers = new ArrayList<>(play.handlers());
        this.tasks = new TaskRunner(this, modules);
        for (List<String> alternatives : play.varsFiles()) {
            List<String> names = alternatives.stream()
                    .map(file -> String.valueOf(templar.template(file, scopes().forPlay()))).toList();
            var found = names.stream().flatMap(name -> files.find("vars", name, scopes().forPlay()).stream())
                    .findFirst()
                    .orElseThrow(() -> new PlaybookException(play.location(), "vars file "
                            + String.join(" or ", names) + " not found" + outsideContext(names)));
            varsFiles.putAll(parser.varsFile(found.path(), play.location()));
        }
    }

    /** Why a vars file was not found when it names a path outside the build context, which a build cannot read. */
    private static String outsideContext(List<String> names) {
        return names.stream().anyMatch(name -> name.startsWith("/") && !name.startsWith(PlaybookFiles.ROOT + "/"))
                ? ": a build reads only files of its build context (the controller's own files are not part of it);"
                + " give a path relative to the playbook"
                : "";
    }

    Play play() {
        return play;
    }

    RunContext context() {
        return context;
    }

    Templar templar() {
        return templar;
    }

    PlaybookFiles files() {
        return files;
    }

    PlaybookParser parser() {
        return parser;
    }

    HostState state() {
        return state;
    }

    /** The numbered tasks of the run's plan. */
    TaskPlan plan() {
        return plan;
    }

    /** The play's vars_files, loaded when the play starts. */
    Map<String, Object> varsFiles() {
        return varsFiles;
    }

    /** Records the task that failed unignored and its result, for a rescue to see. */
    void failed(Map<String, Object> failure) {
        lastFailure = failure;
    }

    Scopes scopes() {
        return new Scopes(this);
    }

    RuntimeInventory inventory() {
        return new RuntimeInventory(context.hostname(), state);
    }

    Inherited playScope() {
        return Inherited.of(play.options());
    }

    /**
     * Gathers facts before the play's first task that runs, as Ansible gathers them at the start of every play
     * whose gather_facts is on. A play resumed past its start has them from the snapshot: gathered again, they
     * would describe what the cached tasks made, not the base the play started on.
     */
    void gatherFacts(int playIndex) {
        if (factsGathered) {
            return;
        }
        factsGathered = true;
        if (!Templar.truthy(templar.template(play.gatherFacts(), scopes().forPlay()))
                || state.gatheredAtStartOfPlay(playIndex)) {
            return;
        }
        long start = System.nanoTime();
        context.listener().taskStarted(Facts.TASK_NAME, play.location(), OptionalInt.empty());
        state.gathered(Facts.gather(context.connection()));
        state.gatheredAtStartOf(playIndex);
        context.listener().factsGathered(new TaskOutcome(Facts.TASK_NAME, play.location(), TaskStatus.OK, false,
                Map.of("changed", false), Duration.ofNanos(System.nanoTime() - start), OptionalInt.empty()));
    }

    Engine.StepResult steps(List<Step> steps, Inherited inherited) {
        Engine.StepResult total = Engine.StepResult.OK;
        for (Step step : steps) {
            if (context.canceled().getAsBoolean()) {
                throw new Engine.Canceled();
            }
            Engine.StepResult result = step(step, inherited);
            total = total.and(result);
            if (result.failed() || result.endPlay()) {
                return total;
            }
        }
        return total;
    }

    Engine.StepResult step(Step step, Inherited inherited) {
        if (step instanceof Task task) {
            return tasks.run(task, inherited);
        }
        Block block = (Block) step;
        Inherited inner = inherited.with(block.options(), block.role(), true);
        Engine.StepResult result = steps(block.block(), inner);
        if (result.failed() && !block.rescue().isEmpty()) {
            // Ansible keeps them as host facts: they stay defined after the rescue
            if (lastFailure.isEmpty()) {
                state.hostVars().put("ansible_failed_task", Map.of("name", result.failure().get().task()));
                state.hostVars().put("ansible_failed_result", Map.of("msg", result.failure().get().message(), "failed", true));
            } else {
                state.hostVars().putAll(lastFailure);
            }
            Engine.StepResult rescued = steps(block.rescue(), inner);
            result = new Engine.StepResult(rescued.failure(), rescued.endPlay(), result.work() || rescued.work());
        }
        if (!block.always().isEmpty() && !result.endPlay()) {
            Engine.StepResult always = steps(block.always(), inner);
            Optional<RunResult.Failed> failure = always.failed() ? always.failure() : result.failure();
            result = new Engine.StepResult(failure, always.endPlay(), result.work() || always.work());
        }
        return result;
    }

    /** Runs notified handlers in the order they are defined, each once; they may notify later ones. */
    Engine.StepResult flushHandlers() {
        Engine.StepResult total = Engine.StepResult.OK;
        boolean ran = true;
        while (ran && !state.notified().isEmpty()) {
            ran = false;
            List<Task> ordered = List.copyOf(handlers);
            for (int h = 0; h < ordered.size(); h++) {
                Task handler = ordered.get(h);
                if (isNotified(handler)) {
                    // a topic notifies every handler that listens to it, also when a handler has its
                    // name: keep it for the later ones
                    List<Task> later = ordered.subList(h + 1, ordered.size());
                    Stream.concat(handlerNames(handler).stream(), handler.options().listen().stream())
                            .filter(topic -> later.stream().noneMatch(t -> t.options().listen().contains(topic)))
                            .forEach(state.notified()::remove);
                    Engine.StepResult result = tasks.run(handler, playScope());
                    total = total.and(result);
                    ran = true;
                    if (result.failed()) {
                        return total;
                    }
                }
            }
        }
        return total;
    }

    private boolean isNotified(Task handler) {
        return handlerNames(handler).stream().anyMatch(state.notified()::contains)
                || handler.options().listen().stream().anyMatch(state.notified()::contains);
    }

    List<String> handlerNames(Task handler) {
        List<String> names = new ArrayList<>();
        handlerName(handler).ifPresent(name -> {
            names.add(name);
            // as Ansible's strategy: the role's short name and, for a collection's role, its full name
            handler.role().ifPresent(role -> {
                names.add(role.shortName() + " : " + name);
                role.collection().ifPresent(c -> names.add(role.name() + " : " + name));
            });
        });
        return names;
    }

    /**
     * A handler's name as notifications match it: templated the first time it is looked for, as Ansible's
     * strategy does (and keeps); a name that does not render leaves the handler its listen topics only.
     */
    private Optional<String> handlerName(Task handler) {
        return handlerNames.computeIfAbsent(handler, h -> {
            if (!Templar.isTemplate(h.name())) {
                return Optional.of(h.name());
            }
            try {
                return Optional.of(render(h.name(), scopes().forHandlerName(h)));
            } catch (TemplateException e) {
                return Optional.empty();
            }
        });
    }

    /** Records a notification, failing clearly when no handler answers to it. */
    void notify(String name, Location at, String task) {
        boolean known = handlers.stream().anyMatch(h -> handlerNames(h).contains(name)
                || h.options().listen().contains(name));
        if (!known) {
            throw new PlaybookException(at, "task '" + task + "' notifies '" + name + "', but no handler has that "
                    + "name or listens to it");
        }
        state.notified().add(name);
    }

    void addRoleHandlers(Role role) {
        for (Task handler : role.handlers()) {
            if (!handlers.contains(handler)) {
                handlers.add(handler);
            }
        }
    }

    /** Whether a keyword (become, no_log, ignore_errors …) is true once rendered; false when not given. */
    boolean truthy(Optional<Object> option, Scope scope) {
        return option.map(v -> AnsibleValues.truthy(templar.template(v, scope))).orElse(false);
    }

    String render(Object value, Scope scope) {
        return String.valueOf(templar.template(value, scope));
    }

    RunResult.Failed failure(Task task, String message) {
        return new RunResult.Failed(task.displayName(), task.location(), context.redactor().redact(message));
    }

    static String templateError(TemplateException e) {
        return "The task includes an option with an undefined variable or a template error: " + e.getMessage();
    }
}
