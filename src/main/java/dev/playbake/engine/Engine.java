package dev.playbake.engine;

import dev.playbake.engine.actions.ActionRegistry;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Block;
import dev.playbake.playbook.Play;
import dev.playbake.playbook.Playbook;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.template.LookupPlugins;
import dev.playbake.template.PasswordStore;
import dev.playbake.template.Templar;

import java.util.List;
import java.util.Optional;

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

            @Override
            public void discarded(String password) {
                revealed(password, context);
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

    public RunResult run(Playbook playbook, RunContext context) {
        PlaybookFiles files = new PlaybookFiles(context.files());
        Templar templar = new Templar(new LookupPlugins(files, secretPasswords(context),
                context.controller().environment(), new ControllerUrls(context.controller().egress(), context.state())));
        PlaybookParser parser = PlaybookParser.forRuntime(playbook.file(), context.files(),
                ActionRegistry.standard().scalarArgumentActions());
        List<PlanStep> plan = PlanStep.plan(playbook.plays());
        TaskPlan numbered = TaskPlan.of(plan, playbook.plays(), context.tags());
        HostState state = context.state();
        for (int p = 0; p < playbook.plays().size(); p++) {
            Play play = playbook.plays().get(p);
            final int playIndex = p;
            List<PlanStep> steps = plan.stream().filter(s -> s.play() == playIndex).toList();
            PlayRun run = new PlayRun(play, context, templar, files, parser, modules, state, numbered);
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
                    numbered.tasks(step).forEach(planned -> context.listener().taskCached(
                            planned.task().displayName(), planned.task().location(), planned.number()));
                    continue;
                }
                if (!hostMatched) {
                    continue;
                }
                run.gatherFacts(playIndex);
                StepResult result;
                try {
                    result = step.isFlush() ? run.flushHandlers() : run.step(step.step().orElseThrow(), inherited(run, step));
                } catch (Canceled canceled) {
                    return new RunResult.Canceled();
                }
                if (result.failure().isPresent()) {
                    return result.failure().get();
                }
                context.observer().stepFinished(step, state, result.work());
                if (result.endPlay()) {
                    break;
                }
            }
        }
        return new RunResult.Completed();
    }

    /** What a step sees of the play and of the split blocks around it, as it would inside them. */
    private static Inherited inherited(PlayRun run, PlanStep step) {
        Inherited inherited = run.playScope();
        for (Block block : step.within()) {
            inherited = inherited.with(block.options(), block.role(), true);
        }
        return inherited;
    }

    /** What running a step (or part of one) led to. */
    record StepResult(Optional<RunResult.Failed> failure, boolean endPlay, boolean work) {
        static final StepResult OK = new StepResult(Optional.empty(), false, false);

        boolean failed() {
            return failure.isPresent();
        }

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
}
