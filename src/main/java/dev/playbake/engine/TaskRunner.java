package dev.playbake.engine;

import dev.playbake.connection.ConnectionException;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.modules.ModuleResult;
import dev.playbake.playbook.Block;
import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.RoleEntryPoints;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.playbook.Step;
import dev.playbake.playbook.Task;
import dev.playbake.playbook.TaskOptions;
import dev.playbake.python.PyPaths;
import dev.playbake.python.PyStrings;
import dev.playbake.template.AnsibleValues;
import dev.playbake.template.Loops;
import dev.playbake.template.Templar;
import dev.playbake.template.TemplateException;
import dev.playbake.template.TemplateSyntax;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Runs one task: tags, conditions, loops, the action or module, until/retries, changed_when and
 * failed_when, register, notify, ignore_errors and no_log, and reports it.
 */
final class TaskRunner {

    private static final String CENSORED = "the output has been hidden due to the fact that 'no_log: true' was "
            + "specified for this result";

    private final PlayRun run;
    private final ModuleRegistry modules;

    TaskRunner(PlayRun run, ModuleRegistry modules) {
        this.run = run;
        this.modules = modules;
    }

    /** A signal from {@code meta}: end the play. */
    private static final String END_PLAY = "__end_play__";

    Engine.StepResult run(Task task, Inherited outer) {
        Inherited inherited = outer.with(task.options(), task.role(), true);
        if (!run.context().tags().selects(inherited.tags())) {
            return Engine.StepResult.OK;
        }
        Scope scope = run.scopes().forTask(inherited, task.options().vars());
        String name = displayName(task, scope);
        long start = System.nanoTime();
        // Ansible reports no meta task: they act on the run, not on the host
        boolean reported = !task.action().equals("meta");
        if (reported) {
            run.context().listener().taskStarted(name, task.location());
        }
        Outcome outcome;
        try {
            checkDelegation(task, scope);
            outcome = execute(task, inherited, scope);
        } catch (TemplateException e) {
            outcome = Outcome.of(ModuleResult.failed(PlayRun.templateError(e)).values(), false);
        } catch (ModuleException e) {
            outcome = Outcome.of(ModuleResult.failed(e.getMessage()).values(), true);
        } catch (PlaybookException e) {
            outcome = Outcome.of(ModuleResult.failed(e.getMessage()).values(), false);
        } catch (ConnectionException e) {
            throw e;
        }
        Map<String, Object> result = outcome.result();
        boolean noLog = isTrue(inherited.noLog(), scope);
        if (task.options().register().isPresent()) {
            run.state().hostVars().put(task.options().register().get(), result);
            if (noLog) {
                run.state().markUnstorable();
            }
        }
        TaskStatus status = status(result);
        if (!reported && status == TaskStatus.SKIPPED) {
            // Ansible does report a meta task that its when skipped
            reported = true;
            run.context().listener().taskStarted(name, task.location());
        }
        boolean ignored = false;
        if (status == TaskStatus.FAILED) {
            ignored = isTrue(inherited.ignoreErrors(), scope);
        }
        if (status == TaskStatus.CHANGED || changedInLoop(result) && status != TaskStatus.FAILED) {
            for (String handler : task.options().notifies()) {
                run.notify(run.render(handler, scope), task.location(), name);
            }
        }
        Map<String, Object> reportedResult = noLog ? censored(result)
                : castMap(run.context().redactor().redact(result));
        if (reported) {
            run.context().listener().taskFinished(new TaskOutcome(name, task.location(), status, ignored, reportedResult,
                    Duration.ofNanos(System.nanoTime() - start)));
            if (!noLog) {
                logResult(name, task.action(), status, reportedResult);
            }
        }
        Engine.StepResult own = new Engine.StepResult(null, outcome.endPlay(), outcome.work());
        if (status == TaskStatus.FAILED && !ignored) {
            String message = noLog ? CENSORED : new TaskOutcome(name, task.location(), status, false, result,
                    Duration.ZERO).message();
            Map<String, Object> failedTask = new LinkedHashMap<>();
            failedTask.put("name", name);
            failedTask.put("action", task.action());
            run.failed(Map.of("ansible_failed_task", failedTask, "ansible_failed_result", reportedResult));
            return new Engine.StepResult(run.failure(task, message), false, own.work());
        }
        // included tasks run after the include is reported, as Ansible lists them
        for (Supplier<Engine.StepResult> deferred : outcome.deferred()) {
            Engine.StepResult nested = deferred.get();
            own = own.and(nested);
            if (nested.failure() != null || nested.endPlay()) {
                return own;
            }
        }
        return own;
    }

    /**
     * What executing a task produced: its result, whether it could have touched the filesystem, and
     * the steps it brings in (included tasks, a handler flush), run once the task is reported.
     */
    private record Outcome(Map<String, Object> result, boolean work, boolean endPlay,
                           List<Supplier<Engine.StepResult>> deferred) {
        static Outcome of(Map<String, Object> result, boolean work) {
            return new Outcome(result, work, false, List.of());
        }
    }

    private Outcome execute(Task task, Inherited inherited, Scope scope) {
        TaskOptions options = task.options();
        if (options.loop().isEmpty()) {
            if (!conditions(inherited, scope)) {
                return Outcome.of(skipped(inherited, scope), false);
            }
            return once(task, inherited, scope);
        }
        List<Object> items = loopItems(task, scope);
        // label names each item for display: it refers to the loop variable, so it is not rendered here
        Map<String, Object> unrendered = new LinkedHashMap<>(options.loopControl());
        unrendered.remove("label");
        Map<String, Object> control = castMap(run.templar().template(unrendered, scope));
        String loopVar = String.valueOf(control.getOrDefault("loop_var", "item"));
        List<Object> results = new ArrayList<>();
        boolean work = false;
        boolean anyChanged = false;
        boolean anyFailed = false;
        boolean allSkipped = true;
        List<Supplier<Engine.StepResult>> deferred = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> loopVars = new LinkedHashMap<>();
            loopVars.put(loopVar, items.get(i));
            loopVars.put("ansible_loop_var", loopVar);
            if (control.get("index_var") != null) {
                loopVars.put(String.valueOf(control.get("index_var")), i);
                loopVars.put("ansible_index_var", String.valueOf(control.get("index_var")));
            }
            if (AnsibleValues.truthy(control.get("extended"))) {
                loopVars.put("ansible_loop", extended(items, i));
            }
            Scope itemScope = scope.with(loopVars);
            Map<String, Object> itemResult;
            if (!conditions(inherited, itemScope)) {
                itemResult = skipped(inherited, itemScope);
            } else {
                Outcome outcome = once(task, inherited, itemScope);
                itemResult = new LinkedHashMap<>(outcome.result());
                work |= outcome.work();
                allSkipped = false;
                deferred.addAll(outcome.deferred());
            }
            itemResult.put(loopVar, items.get(i));
            itemResult.put("ansible_loop_var", loopVar);
            if (control.get("index_var") != null) {
                itemResult.put(String.valueOf(control.get("index_var")), i);
                itemResult.put("ansible_index_var", String.valueOf(control.get("index_var")));
            }
            if (loopVars.containsKey("ansible_loop")) {
                itemResult.put("ansible_loop", loopVars.get("ansible_loop"));
            }
            anyChanged |= Boolean.TRUE.equals(itemResult.get("changed"));
            anyFailed |= Boolean.TRUE.equals(itemResult.get("failed"));
            results.add(itemResult);
            Object pause = control.get("pause");
            if (pause instanceof Number seconds && i + 1 < items.size()) {
                sleep(Duration.ofMillis((long) (seconds.doubleValue() * 1000)));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("results", results);
        result.put("changed", anyChanged);
        result.put("msg", anyFailed ? "One or more items failed" : "All items completed");
        if (anyFailed) {
            result.put("failed", true);
        }
        if (allSkipped) {
            result.put("skipped", true);
            result.put("msg", "All items skipped");
        }
        return new Outcome(result, work, false, deferred);
    }

    private Outcome once(Task task, Inherited inherited, Scope scope) {
        TaskOptions options = task.options();
        String register = options.register().orElse(null);
        int retries = options.until().isPresent() ? intOption(options.retries(), scope, 3) : 0;
        int delay = intOption(options.delay(), scope, 5);
        Outcome outcome = null;
        for (int attempt = 1; attempt <= retries + 1; attempt++) {
            outcome = action(task, inherited, scope);
            Map<String, Object> result = new LinkedHashMap<>(outcome.result());
            // as Ansible's executor: every result says whether it failed, an rc other than 0 meaning it did
            if (!result.containsKey("failed")) {
                Object rc = result.get("rc");
                result.put("failed", rc != null && !"0".equals(String.valueOf(rc)));
            }
            Scope withResult = register == null ? scope : scope.with(Map.of(register, result));
            // Ansible evaluates changed_when on failed results too (a failed command can report unchanged)
            if (options.changedWhen().isPresent() && !Boolean.TRUE.equals(result.get("skipped"))) {
                try {
                    result.put("changed", conditionsOf(options.changedWhen().get(), withResult));
                } catch (TemplateException e) {
                    if (!Boolean.TRUE.equals(result.get("failed"))) {
                        throw e;
                    }
                    result.put("changed_when_result", e.getMessage());
                }
                withResult = register == null ? scope : scope.with(Map.of(register, result));
            }
            if (options.failedWhen().isPresent()) {
                boolean failed = conditionsOf(options.failedWhen().get(), withResult);
                result.put("failed", failed);
                if (!failed) {
                    result.remove("msg");
                    if (outcome.result().containsKey("msg") && !Boolean.TRUE.equals(outcome.result().get("failed"))) {
                        result.put("msg", outcome.result().get("msg"));
                    }
                }
                if (failed && !result.containsKey("msg")) {
                    result.put("msg", "The conditional check '" + options.failedWhen().get() + "' failed.");
                }
                if (failed) {
                    result.put("failed_when_result", true);
                }
            }
            outcome = new Outcome(result, outcome.work(), outcome.endPlay(), outcome.deferred());
            if (options.until().isEmpty()) {
                break;
            }
            result.put("attempts", attempt);
            Scope untilScope = register == null ? scope.with(result) : scope.with(Map.of(register, result));
            // Ansible 2.14 runs a task with retries <= 0 once and never evaluates its until
            if (retries <= 0 || conditionsOf(options.until().get(), untilScope)) {
                break;
            }
            if (attempt <= retries) {
                run.context().listener().log("FAILED - RETRYING: [" + run.context().hostname() + "]: "
                        + task.displayName() + " (" + (retries - attempt + 1) + " retries left).");
                sleep(Duration.ofSeconds(delay));
            } else {
                result.put("failed", true);
                result.putIfAbsent("msg", "Retries exhausted");
                // Ansible reports the retries asked for, not the attempts made (one more)
                result.put("attempts", retries);
            }
        }
        return outcome;
    }

    /** Runs the task's action: an engine action, or a module over the connection. */
    private Outcome action(Task task, Inherited inherited, Scope scope) {
        String action = task.action();
        return switch (action) {
            case "debug" -> Outcome.of(debug(task, scope), false);
            case "set_fact" -> Outcome.of(setFact(task, scope), false);
            case "assert" -> Outcome.of(assertion(task, scope), false);
            case "fail" -> Outcome.of(ModuleResult.failed(String.valueOf(templatedArgs(task, scope)
                    .getOrDefault("msg", "Failed as requested from task"))).values(), false);
            case "meta" -> meta(task, scope);
            case "include_tasks" -> includeTasks(task, inherited, scope);
            case "include_role" -> includeRole(task, inherited, scope);
            case "include_vars" -> Outcome.of(includeVars(task, scope), false);
            case "template" -> Outcome.of(template(task, inherited, scope), true);
            case "setup" -> {
                Map<String, Object> selected = FactSelection.select(Facts.gather(run.context().connection()),
                        templatedArgs(task, scope));
                run.state().gathered(selected);
                yield Outcome.of(Map.of("changed", false, "ansible_facts", selected), false);
            }
            case "gather_facts" -> {
                run.state().gathered(Facts.gather(run.context().connection()));
                yield Outcome.of(Map.of("changed", false, "ansible_facts", run.state().facts()), false);
            }
            case "ping" -> Outcome.of(Map.of("changed", false, "ping", "pong"), false);
            case "pause" -> Outcome.of(pause(task, scope), false);
            case "set_stats" -> Outcome.of(Map.of("changed", false), false);
            case "group_by" -> Outcome.of(run.inventory().groupBy(templatedArgs(task, scope)), false);
            case "add_host" -> Outcome.of(run.inventory().addHost(templatedArgs(task, scope)), false);
            default -> module(task, inherited, scope, templatedArgs(task, scope));
        };
    }

    private Outcome module(Task task, Inherited inherited, Scope scope, Map<String, Object> args) {
        Module module = modules.find(task.action()).orElseThrow(() -> new PlaybookException(task.location(),
                "task '" + task.displayName() + "': the module '" + task.action() + "' is not supported by playbake"
                        + ModuleSupport.suggestion(task.action(), modules)));
        return Outcome.of(moduleResult(module, inherited, scope, args), module.changesContainer());
    }

    private Map<String, Object> moduleResult(Module module, Inherited inherited, Scope scope, Map<String, Object> args) {
        ModuleContext context = moduleContext(inherited, scope, args);
        Map<String, Object> result = module.run(context).values();
        if (result.get("ansible_facts") instanceof Map<?, ?> facts && !Boolean.TRUE.equals(result.get("failed"))) {
            // as Ansible injects a module's facts: under ansible_facts and as top-level variables; the
            // host vars keep them across a resumed build, which does not store gathered facts
            castMap(facts).forEach((k, v) -> {
                run.state().facts().put(k, v);
                run.state().hostVars().put(k, v);
            });
        }
        return result;
    }

    private ModuleContext moduleContext(Inherited inherited, Scope scope, Map<String, Object> args) {
        String user = "";
        if (isTrue(inherited.become(), scope)) {
            user = inherited.becomeUser().map(u -> run.render(u, scope)).orElse("root");
        }
        Map<String, String> env = new LinkedHashMap<>();
        castMap(run.templar().template(inherited.environment(), scope)).forEach((k, v) -> {
            if (k.equals(TaskOptions.TEMPLATED_ENVIRONMENT)) {
                castMap(v).forEach((name, value) -> env.put(name, PyStrings.str(value)));
            } else {
                env.put(k, PyStrings.str(v));
            }
        });
        boolean check = isTrue(inherited.checkMode(), scope);
        return new ModuleContext(args, run.context().connection(), user, env, check, run.files().forTask(scope),
                run.state().facts(), run.context().ignoreServiceState(), run.context().hostname(), run.context().artifacts());
    }

    // --- engine actions ------------------------------------------------------------------------

    private Map<String, Object> debug(Task task, Scope scope) {
        Map<String, Object> result = new LinkedHashMap<>();
        Object var = task.args().get("var");
        if (var != null) {
            String expression = String.valueOf(var);
            Object value;
            try {
                value = run.templar().evaluate(expression, scope);
            } catch (TemplateException e) {
                value = "VARIABLE IS NOT DEFINED!";
            }
            result.put(expression, value);
        } else {
            Object msg = task.args().getOrDefault("msg", "Hello world!");
            result.put("msg", run.templar().template(msg, scope));
        }
        result.put("changed", false);
        return result;
    }

    private Map<String, Object> setFact(Task task, Scope scope) {
        Map<String, Object> args = templatedArgs(task, scope);
        boolean cacheable = AnsibleValues.truthy(args.remove("cacheable"));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.putAll(args);
        run.state().hostVars().putAll(facts);
        if (cacheable) {
            // cacheable facts go to the fact cache, which is what ansible_facts shows
            run.state().facts().putAll(facts);
        }
        return new LinkedHashMap<>(Map.of("changed", false, "ansible_facts", facts));
    }

    private Map<String, Object> assertion(Task task, Scope scope) {
        Object that = task.args().get("that");
        if (that == null) {
            throw new ModuleException("assert: missing required argument 'that'");
        }
        List<Object> conditions = that instanceof List<?> l ? new ArrayList<>(l) : List.of(that);
        for (Object condition : conditions) {
            if (!run.templar().condition(condition, scope)) {
                Object message = task.args().containsKey("fail_msg") ? task.args().get("fail_msg")
                        : task.args().getOrDefault("msg", "Assertion failed");
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("assertion", condition);
                result.put("evaluated_to", false);
                result.put("failed", true);
                result.put("msg", run.templar().template(message, scope));
                result.put("changed", false);
                return result;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("msg", run.templar().template(task.args().getOrDefault("success_msg", "All assertions passed"), scope));
        return result;
    }

    private Outcome meta(Task task, Scope scope) {
        String what = run.render(task.args().getOrDefault("_raw_params", ""), scope).strip();
        return switch (what) {
            case "flush_handlers" -> new Outcome(Map.of("changed", false), false, false, List.of(run::flushHandlers));
            case "end_play", "end_host", "end_batch" -> new Outcome(Map.of("changed", false, "msg", END_PLAY), false,
                    true, List.of());
            case "noop", "clear_facts", "clear_host_errors", "refresh_inventory", "reset_connection" -> {
                if (what.equals("clear_facts")) {
                    run.state().facts().clear();
                }
                yield Outcome.of(Map.of("changed", false), false);
            }
            default -> throw new ModuleException("invalid meta action requested: " + what);
        };
    }

    private Outcome includeTasks(Task task, Inherited inherited, Scope scope) {
        Map<String, Object> args = new LinkedHashMap<>(task.args());
        String file = run.render(args.containsKey("file") ? args.get("file") : args.get("_raw_params"), scope);
        String dir = SourceFiles.parent(task.location().file());
        List<Step> steps = run.parser().includeTasks(file, inherited.role(), dir, task.location());
        Map<String, Object> params = new LinkedHashMap<>(task.options().vars());
        params.putAll(loopVariables(task, scope));
        Inherited inner = inherited.withIncludeParams(params);
        return new Outcome(new LinkedHashMap<>(Map.of("changed", false, "include", file)), false, false,
                List.of(() -> run.steps(steps, childInherited(inner))));
    }

    private Outcome includeRole(Task task, Inherited inherited, Scope scope) {
        Map<String, Object> args = castMap(run.templar().template(task.args(), scope));
        String name = String.valueOf(args.getOrDefault("name", args.get("_raw_params")));
        Block role = run.parser().includeRole(name, RoleEntryPoints.of(args), Map.of(), task.location());
        role.role().ifPresent(run::addRoleHandlers);
        Map<String, Object> params = new LinkedHashMap<>(task.options().vars());
        params.putAll(loopVariables(task, scope));
        Inherited inner = childInherited(inherited.withIncludeParams(params));
        return new Outcome(new LinkedHashMap<>(Map.of("changed", false, "include_role", name)), false, false,
                List.of(() -> run.step(role, inner)));
    }

    /** What included tasks inherit: everything but the including task's own condition, already evaluated. */
    private static Inherited childInherited(Inherited inherited) {
        return new Inherited(List.of(), inherited.tags(), inherited.become(), inherited.becomeUser(),
                inherited.environment(), inherited.blockVars(), inherited.ignoreErrors(), inherited.noLog(),
                inherited.checkMode(), inherited.role(), inherited.includeParams());
    }

    /** The loop's variables an include passes to what it includes: the item, index_var, ansible_loop. */
    private Map<String, Object> loopVariables(Task task, Scope scope) {
        Map<String, Object> vars = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(List.of(loopVarName(task), "ansible_loop_var", "ansible_loop",
                "ansible_index_var"));
        Object indexVar = task.options().loopControl().get("index_var");
        if (indexVar != null) {
            names.add(run.render(indexVar, scope));
        }
        names.forEach(name -> scope.raw(name).ifPresent(value -> vars.put(name, value)));
        return vars;
    }

    private String loopVarName(Task task) {
        Object loopVar = task.options().loopControl().get("loop_var");
        return loopVar == null ? "item" : String.valueOf(loopVar);
    }

    private Map<String, Object> includeVars(Task task, Scope scope) {
        Map<String, Object> args = castMap(run.templar().template(task.args(), scope));
        String file = String.valueOf(args.getOrDefault("file", args.getOrDefault("_raw_params", "")));
        List<String> paths = new ArrayList<>();
        if (args.containsKey("dir")) {
            String dir = String.valueOf(args.get("dir"));
            java.util.regex.Pattern matching = java.util.regex.Pattern.compile(
                    String.valueOf(args.getOrDefault("files_matching", ".*")));
            int depth = Integer.parseInt(String.valueOf(args.getOrDefault("depth", 0)));
            Object extensionsArg = args.getOrDefault("extensions", List.of("yml", "yaml", "json"));
            List<String> extensions = extensionsArg instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(extensionsArg));
            run.files().forTask(scope).tree("vars", dir).stream()
                    .filter(f -> extensions.stream().anyMatch(e -> f.path().endsWith("." + e)))
                    // Ansible matches the file's name from its start (re.match) and counts depth from 1 for dir itself
                    .filter(f -> matching.matcher(PyPaths.basename(f.path())).lookingAt())
                    .filter(f -> depth <= 0 || f.path().split("/").length <= depth)
                    .forEach(f -> paths.add(dir + "/" + f.path()));
        } else {
            paths.add(file);
        }
        Map<String, Object> loaded = new LinkedHashMap<>();
        List<String> loadedFiles = new ArrayList<>();
        for (String path : paths) {
            var found = run.files().find("vars", path, scope).orElseThrow(() -> new ModuleException(
                    "Could not find or access '" + path + "' (looked in the role's vars/, vars/ and the playbook's directory)"));
            loaded.putAll(run.parser().varsFile(found.path(), task.location()));
            loadedFiles.add(PlaybookFiles.ROOT + "/" + found.path());
        }
        Map<String, Object> facts = args.containsKey("name")
                ? new LinkedHashMap<>(Map.of(String.valueOf(args.get("name")), loaded)) : loaded;
        run.state().includedVars().putAll(facts);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("ansible_facts", facts);
        result.put("ansible_included_var_files", loadedFiles);
        return result;
    }

    private Map<String, Object> template(Task task, Inherited inherited, Scope scope) {
        Map<String, Object> args = templatedArgs(task, scope);
        String src = String.valueOf(Optional.ofNullable(args.remove("src")).orElseThrow(() ->
                new ModuleException("template: src is required")));
        var found = run.files().find("templates", src, scope).orElseThrow(() -> new ModuleException(
                "Could not find or access '" + src + "' (looked in the role's templates/, templates/ and the playbook's directory)"));
        Map<String, Object> templateVars = new LinkedHashMap<>();
        templateVars.put("template_path", PlaybookFiles.ROOT + "/" + found.path());
        templateVars.put("template_fullpath", PlaybookFiles.ROOT + "/" + found.path());
        templateVars.put("template_host", run.context().hostname());
        templateVars.put("template_uid", "root");
        templateVars.put("template_destpath", args.get("dest"));
        templateVars.put("ansible_managed", "Ansible managed");
        templateVars.put("template_run_date", LocalDateTime.now().format(
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")));
        String rendered;
        try {
            rendered = run.templar().renderText(new String(found.content(), StandardCharsets.UTF_8),
                    scope.with(templateVars), TemplateSyntax.of(args));
        } catch (TemplateException e) {
            // the task's line is known; the file whose text failed is not, unless said
            throw new TemplateException("in template " + found.path() + ": " + e.getMessage());
        }
        args.put("content", newlines(rendered, String.valueOf(args.getOrDefault("newline_sequence", "\n"))));
        args.put("_original_basename", PyPaths.basename(src));
        for (String key : List.of("trim_blocks", "lstrip_blocks", "newline_sequence", "block_start_string",
                "block_end_string", "variable_start_string", "variable_end_string", "comment_start_string",
                "comment_end_string", "output_encoding")) {
            args.remove(key);
        }
        return modules.find("copy").orElseThrow().run(moduleContext(inherited, scope, args)).values();
    }

    /** The template module's newline_sequence, given as the characters or as Ansible's escaped forms. */
    private static String newlines(String text, String sequence) {
        String newline = switch (sequence) {
            case "\\n", "\n" -> "\n";
            case "\\r", "\r" -> "\r";
            case "\\r\\n", "\r\n" -> "\r\n";
            default -> throw new ModuleException("newline_sequence must be one of \\n, \\r, \\r\\n, got: " + sequence);
        };
        return newline.equals("\n") ? text : text.replaceAll("\r\n|\r|\n", Matcher.quoteReplacement(newline));
    }

    private Map<String, Object> pause(Task task, Scope scope) {
        Map<String, Object> args = templatedArgs(task, scope);
        if (args.containsKey("prompt") && !args.containsKey("seconds") && !args.containsKey("minutes")) {
            throw new ModuleException("pause with a prompt waits for a person, and a build is not interactive");
        }
        double seconds = AnsibleValues.number(args.getOrDefault("seconds", 0))
                + 60 * AnsibleValues.number(args.getOrDefault("minutes", 0));
        String start = LocalDateTime.now().toString().replace('T', ' ');
        long began = System.nanoTime();
        sleep(Duration.ofMillis((long) (seconds * 1000)));
        double took = (System.nanoTime() - began) / 1e9;
        // Ansible's pause action's result
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("rc", 0);
        result.put("stderr", "");
        result.put("start", start);
        result.put("stop", LocalDateTime.now().toString().replace('T', ' '));
        result.put("delta", (int) took);
        result.put("echo", AnsibleValues.truthy(args.getOrDefault("echo", true)));
        boolean minutes = args.containsKey("minutes") && !args.containsKey("seconds");
        result.put("stdout", "Paused for " + Math.round((minutes ? took / 60 : took) * 100) / 100.0
                + (minutes ? " minutes" : " seconds"));
        result.put("user_input", "");
        return result;
    }

    // --- helpers -------------------------------------------------------------------------------

    private Map<String, Object> templatedArgs(Task task, Scope scope) {
        Map<String, Object> rendered = castMap(run.templar().template(task.args(), scope));
        return AnsibleValues.withoutOmitted(rendered);
    }

    private boolean conditions(Inherited inherited, Scope scope) {
        for (Object condition : inherited.when()) {
            if (!run.templar().condition(condition, scope)) {
                return false;
            }
        }
        return true;
    }

    private boolean conditionsOf(Object conditions, Scope scope) {
        if (conditions instanceof List<?> list) {
            return list.stream().allMatch(c -> run.templar().condition(c, scope));
        }
        return run.templar().condition(conditions, scope);
    }

    private Map<String, Object> skipped(Inherited inherited, Scope scope) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("skipped", true);
        result.put("skip_reason", "Conditional result was False");
        for (Object condition : inherited.when()) {
            if (!run.templar().condition(condition, scope)) {
                result.put("false_condition", condition);
                break;
            }
        }
        return result;
    }

    private List<Object> loopItems(Task task, Scope scope) {
        TaskOptions options = task.options();
        Object raw = options.loop().orElseThrow();
        String kind = options.loopKind();
        Object value = run.templar().template(raw, scope);
        if (kind.equals("loop")) {
            if (value instanceof List<?> list) {
                return new ArrayList<>(list);
            }
            throw new ModuleException("Invalid data passed to 'loop', it requires a list, got this instead: "
                    + PyStrings.str(value) + ". Hint: If you passed a list/dict of just one element, try adding "
                    + "wantlist=True to your lookup invocation or use q/query instead of lookup.");
        }
        String lookup = kind.substring("with_".length());
        List<Object> terms = value instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(value));
        return switch (lookup) {
            case "items" -> Loops.items(terms);
            case "list" -> terms;
            case "dict" -> Loops.dict(value);
            default -> run.templar().lookups().query(lookup, terms, run.templar(), scope, lookupSubdir(task.action()));
        };
    }

    /** Where a with_* lookup looks for files, by the task's action, as Ansible's task executor decides. */
    private static String lookupSubdir(String action) {
        for (String subdir : List.of("template", "var")) {
            if (action.contains(subdir)) {
                return subdir + "s";
            }
        }
        return "files";
    }

    private static Map<String, Object> extended(List<Object> items, int i) {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("allitems", items);
        loop.put("index", i + 1);
        loop.put("index0", i);
        loop.put("revindex", items.size() - i);
        loop.put("revindex0", items.size() - i - 1);
        loop.put("first", i == 0);
        loop.put("last", i == items.size() - 1);
        loop.put("length", items.size());
        if (i > 0) {
            loop.put("previtem", items.get(i - 1));
        }
        if (i + 1 < items.size()) {
            loop.put("nextitem", items.get(i + 1));
        }
        return loop;
    }

    private void checkDelegation(Task task, Scope scope) {
        Optional<String> delegate = task.options().delegateTo();
        if (delegate.isPresent()) {
            String target = run.render(delegate.get(), scope);
            if (!target.equals(run.context().hostname())) {
                throw new PlaybookException(task.location(), "task '" + task.displayName() + "': delegate_to: "
                        + target + " — a build has only its build container (" + run.context().hostname()
                        + "); run that work outside the build, or drop delegate_to");
            }
        }
    }

    private String displayName(Task task, Scope scope) {
        String name = task.displayName();
        if (!Templar.isTemplate(name)) {
            return name;
        }
        try {
            return run.render(name, scope);
        } catch (TemplateException e) {
            return name;
        }
    }

    private boolean isTrue(Optional<Object> option, Scope scope) {
        return option.map(v -> AnsibleValues.truthy(run.templar().template(v, scope))).orElse(false);
    }

    private int intOption(Optional<Object> option, Scope scope, int fallback) {
        return option.map(v -> (int) AnsibleValues.number(run.templar().template(v, scope))).orElse(fallback);
    }

    private static TaskStatus status(Map<String, Object> result) {
        if (Boolean.TRUE.equals(result.get("failed"))) {
            return TaskStatus.FAILED;
        }
        if (Boolean.TRUE.equals(result.get("skipped"))) {
            return TaskStatus.SKIPPED;
        }
        return Boolean.TRUE.equals(result.get("changed")) ? TaskStatus.CHANGED : TaskStatus.OK;
    }

    private static boolean changedInLoop(Map<String, Object> result) {
        return result.get("results") instanceof List<?> list && list.stream()
                .anyMatch(r -> r instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("changed")));
    }

    private static Map<String, Object> censored(Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("censored", CENSORED);
        out.put("changed", result.getOrDefault("changed", false));
        if (result.containsKey("failed")) {
            out.put("failed", result.get("failed"));
        }
        if (result.containsKey("skipped")) {
            out.put("skipped", result.get("skipped"));
        }
        return out;
    }

    private void logResult(String name, String action, TaskStatus status, Map<String, Object> result) {
        if (action.equals("debug") && status != TaskStatus.SKIPPED) {
            // what ansible-playbook prints for debug: the message, or the variable and its value
            result.forEach((key, value) -> {
                if (!key.equals("changed") && !key.equals("failed")) {
                    run.context().listener().log(name + ": " + (key.equals("msg") ? "" : key + " = ") + PyStrings.str(value));
                }
            });
            return;
        }
        if (status == TaskStatus.FAILED) {
            Object msg = result.get("msg");
            if (msg != null && !String.valueOf(msg).isEmpty()) {
                run.context().listener().log("fatal: " + name + ": " + msg);
            }
            Object stderr = result.get("stderr");
            if (stderr != null && !String.valueOf(stderr).isEmpty()) {
                run.context().listener().log(String.valueOf(stderr));
            }
        }
        if (result.containsKey("msg") && result.size() <= 3 && status != TaskStatus.FAILED
                && !String.valueOf(result.get("msg")).isEmpty() && !result.containsKey("results")) {
            run.context().listener().log(name + ": " + PyStrings.str(result.get("msg")));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Engine.Canceled();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>((Map<String, Object>) map);
        }
        return new LinkedHashMap<>();
    }
}
