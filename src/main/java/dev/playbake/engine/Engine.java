package dev.playbake.engine;

import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Block;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.Role;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;
import dev.playbake.template.LookupPlugins;
import dev.playbake.template.PasswordStore;
import dev.playbake.template.Templar;
import dev.playbake.template.TemplateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs a playbook against one build container, play by play and step by step, with Ansible's
 * semantics for blocks, handlers and failures. Steps before {@link RunContext#resumeFrom()} are
 * reported as cached and not run.
 */
public final class Engine {

    private final ModuleRegistry modules;
    private final PasswordStore passwords;

    /** lookup('password') keeps its passwords in memory, for this engine's lifetime. */
    public Engine(ModuleRegistry modules) {
        this(modules, PasswordStore.inMemory());
    }

    public Engine(ModuleRegistry modules, PasswordStore passwords) {
        this.modules = modules;
        this.passwords = passwords;
    }

    /**
     * The password store as this run sees it: every password read or made is masked in all output,
     * and the host state holding it is never stored in a snapshot.
     */
    private PasswordStore secretPasswords(RunContext context) {
        return new PasswordStore() {
            @Override
            public Optional<String> read(String path) {
                Optional<String> content = passwords.read(path);
                content.ifPresent(c -> revealed(c, context));
                return content;
            }

            @Override
            public void write(String path, String content) {
                revealed(content, context);
                passwords.write(path, content);
            }
        };
    }

    private static void revealed(String content, RunContext context) {
        String password = content.strip();
        int salt = password.lastIndexOf(" salt=");
        context.redactor().reveal(salt < 0 ? password : password.substring(0, salt));
        context.state().markUnstorable();
    }

    public ModuleRegistry modules() {
        return modules;
    }

    /** Names the engine itself handles, beyond the modules: the Ansible actions that are not modules. */
    public static final List<String> ACTIONS = List.of("debug", "set_fact", "assert", "fail", "meta",
            "include_tasks", "include_role", "include_vars", "template", "setup", "gather_facts", "ping", "pause",
            "set_stats", "group_by", "add_host");

    public RunResult run(Playbook playbook, RunContext context) {
        PlaybookFiles files = new PlaybookFiles(context.files());
        Templar templar = new Templar(new LookupPlugins(files, secretPasswords(context)));
        PlaybookParser parser = PlaybookParser.forRuntime(playbook.file(), context.files());
        List<PlanStep> plan = PlanStep.plan(playbook.plays());
        HostState state = context.state();
        for (int p = 0; p < playbook.plays().size(); p++) {
            Play play = playbook.plays().get(p);
            final int playIndex = p;
            List<PlanStep> steps = plan.stream().filter(s -> s.play() == playIndex).toList();
            PlayRun run = new PlayRun(play, context, templar, files, parser, modules, state);
            context.listener().playStarted(play.displayName());
            boolean hostMatched = run.inventory().selects(run.render(play.hosts(), run.scopes().forPlay()));
            if (!hostMatched) {
                context.listener().log("skipping: no hosts matched");
            }
            for (PlanStep step : steps) {
                if (context.canceled().getAsBoolean()) {
                    return new RunResult.Canceled();
                }
                if (step.index() < context.resumeFrom()) {
                    step.taskNames().forEach(name -> context.listener().taskCached(name,
                            step.step().map(Step::location).orElse(play.location())));
                    continue;
                }
                if (!hostMatched) {
                    continue;
                }
                run.gatherFactsOnce();
                StepResult result;
                try {
                    result = step.isFlush() ? run.flushHandlers() : run.step(step.step().orElseThrow(), run.playScope());
                } catch (Canceled canceled) {
                    return new RunResult.Canceled();
                }
                if (result.failure() != null) {
                    return result.failure();
                }
                context.observer().stepFinished(step, state, result.work());
                if (result.endPlay()) {
                    break;
                }
            }
        }
        return new RunResult.Completed();
    }

    /** What running a step (or part of one) led to. */
    record StepResult(RunResult.Failed failure, boolean endPlay, boolean work) {
        static final StepResult OK = new StepResult(null, false, false);

        StepResult and(StepResult next) {
            return new StepResult(next.failure, next.endPlay, work || next.work);
        }
    }

    /** Thrown to unwind a run that was asked to stop. */
    static final class Canceled extends RuntimeException {
        Canceled() {
            super("canceled", null, false, false);
        }
    }

    /** One play's run: its variables, its handlers and the steps it executes. */
    static final class PlayRun {
        final Play play;
        final RunContext context;
        final Templar templar;
        final PlaybookFiles files;
        final PlaybookParser parser;
        final HostState state;
        final TaskRunner tasks;
        final Map<String, Object> varsFiles = new LinkedHashMap<>();
        final List<Task> handlers;
        /** The last task that failed unignored and its result: a rescue's ansible_failed_task/_result. */
        Map<String, Object> lastFailure = Map.of();

        PlayRun(Play play, RunContext context, Templar templar, PlaybookFiles files, PlaybookParser parser,
                ModuleRegistry modules, HostState state) {
            this.play = play;
            this.context = context;
            this.templar = templar;
            this.files = files;
            this.parser = parser;
            this.state = state;
            this.handlers = new ArrayList<>(play.handlers());
            this.tasks = new TaskRunner(this, modules);
            for (List<String> alternatives : play.varsFiles()) {
                List<String> names = alternatives.stream()
                        .map(file -> String.valueOf(templar.template(file, scopes().forPlay()))).toList();
                var found = names.stream().flatMap(name -> files.find("vars", name, scopes().forPlay()).stream())
                        .findFirst()
                        .orElseThrow(() -> new PlaybookException(play.location(), "vars file "
                                + String.join(" or ", names) + " not found"));
                varsFiles.putAll(parser.varsFile(found.path(), play.location()));
            }
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

        void gatherFactsOnce() {
            if (state.factsGathered() || !Templar.truthy(templar.template(play.gatherFacts(), scopes().forPlay()))) {
                return;
            }
            long start = System.nanoTime();
            context.listener().taskStarted("Gathering Facts", play.location());
            state.gathered(Facts.gather(context.connection()));
            context.listener().taskFinished(new TaskOutcome("Gathering Facts", play.location(), TaskStatus.OK, false,
                    Map.of("changed", false), Duration.ofNanos(System.nanoTime() - start)));
        }

        StepResult steps(List<Step> steps, Inherited inherited) {
            StepResult total = StepResult.OK;
            for (Step step : steps) {
                if (context.canceled().getAsBoolean()) {
                    throw new Canceled();
                }
                StepResult result = step(step, inherited);
                total = total.and(result);
                if (result.failure() != null || result.endPlay()) {
                    return total;
                }
            }
            return total;
        }

        StepResult step(Step step, Inherited inherited) {
            if (step instanceof Task task) {
                return tasks.run(task, inherited);
            }
            Block block = (Block) step;
            Inherited inner = inherited.with(block.options(), block.role(), true);
            StepResult result = steps(block.block(), inner);
            if (result.failure() != null && !block.rescue().isEmpty()) {
                // Ansible keeps them as host facts: they stay defined after the rescue
                if (lastFailure.isEmpty()) {
                    state.hostVars().put("ansible_failed_task", Map.of("name", result.failure().task()));
                    state.hostVars().put("ansible_failed_result", Map.of("msg", result.failure().message(), "failed", true));
                } else {
                    state.hostVars().putAll(lastFailure);
                }
                StepResult rescued = steps(block.rescue(), inner);
                result = new StepResult(rescued.failure(), rescued.endPlay(), result.work() || rescued.work());
            }
            if (!block.always().isEmpty() && !result.endPlay()) {
                StepResult always = steps(block.always(), inner);
                RunResult.Failed failure = always.failure() != null ? always.failure() : result.failure();
                result = new StepResult(failure, always.endPlay(), result.work() || always.work());
            }
            return result;
        }

        /** Runs notified handlers in the order they are defined, each once; they may notify later ones. */
        StepResult flushHandlers() {
            StepResult total = StepResult.OK;
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
                        StepResult result = tasks.run(handler, playScope());
                        total = total.and(result);
                        ran = true;
                        if (result.failure() != null) {
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
            names.add(handler.name());
            handler.role().ifPresent(role -> names.add(role.name() + " : " + handler.name()));
            return names;
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
}
