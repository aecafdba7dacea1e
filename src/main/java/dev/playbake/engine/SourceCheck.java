package dev.playbake.engine;

import dev.playbake.playbook.Role;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.playbook.Task;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up, before a build starts, the literal {@code src} of copy, template, script and unarchive where the run
 * would ({@link PlaybookFiles}: the role's folder, then the playbook's), and the task file of include_tasks where the
 * parser would, and reports one that is in none of them with the places searched. A task that may skip before it
 * reads its file ({@code creates}, {@code removes}) is reported as not certain, and so is one that may not run.
 */
final class SourceCheck {

    private static final String TASKS = "tasks";

    private SourceCheck() {
    }

    static List<Problem> problems(List<CertainTasks.Visit> visits, SourceFiles files, String playbookFile) {
        List<Problem> problems = new ArrayList<>();
        for (CertainTasks.Visit visit : visits) {
            Task task = visit.task();
            source(task).ifPresent(source -> {
                List<String> searched = source.kind().equals(TASKS) ? taskFiles(task, source.name(), playbookFile)
                        : PlaybookFiles.candidates(source.kind(), source.name(), task.role().map(Role::path));
                if (searched.stream().noneMatch(path -> found(files, path, source.directory()))) {
                    boolean certain = visit.certain() && !task.args().containsKey("creates")
                            && !task.args().containsKey("removes");
                    problems.add(new Problem(task, message(source, searched), certain));
                }
            });
        }
        return problems;
    }

    /** A file the task reads from the playbook's side, as the task names it, and the folder it is looked for in. */
    private record Source(String kind, String name, boolean directory) {

        String what() {
            return kind.equals(TASKS) ? "the task file" : "src";
        }
    }

    private static Optional<Source> source(Task task) {
        Map<String, Object> args = task.args();
        return switch (task.action()) {
            case "copy" -> args.containsKey("content") || !literalFalse(args, "remote_src") ? Optional.empty()
                    : literal(args.get("src")).map(src -> new Source("files", src, true));
            case "template" -> literal(args.get("src")).map(src -> new Source("templates", src, false));
            case "unarchive" -> !literalFalse(args, "remote_src") || !literalTrue(args, "copy") ? Optional.empty()
                    : literal(args.get("src")).filter(src -> !src.contains("://"))
                    .map(src -> new Source("files", src, false));
            case "script" -> script(args).map(src -> new Source("files", src, false));
            case "include_tasks" -> literal(args.containsKey("file") ? args.get("file") : args.get("_raw_params"))
                    .map(file -> new Source(TASKS, file, false));
            default -> Optional.empty();
        };
    }

    /** The script's file: the first word of the free-form text (or {@code cmd}) when nothing in it is quoted. */
    private static Optional<String> script(Map<String, Object> args) {
        Object raw = args.containsKey("_raw_params") ? args.get("_raw_params") : args.get("cmd");
        return literal(raw).filter(text -> !text.contains("'") && !text.contains("\"") && !text.contains("\\"))
                .map(text -> text.strip().split("\\s+")[0]).filter(name -> !name.isEmpty());
    }

    private static Optional<String> literal(Object value) {
        return value instanceof String text && !text.isBlank() && !ArgumentCheck.templated(text)
                ? Optional.of(text) : Optional.empty();
    }

    /** Whether the flag is absent or literally false, so the file is certainly the playbook's. */
    private static boolean literalFalse(Map<String, Object> args, String name) {
        Object value = args.get(name);
        return value == null || value.equals(false) || value instanceof String s && List.of("no", "false", "False")
                .contains(s.strip());
    }

    /** Whether the flag is absent or literally true. */
    private static boolean literalTrue(Map<String, Object> args, String name) {
        Object value = args.get(name);
        return value == null || value.equals(true) || value instanceof String s && List.of("yes", "true", "True")
                .contains(s.strip());
    }

    /** Where include_tasks looks, as the parser does: the role's tasks/, the including file's folder, the playbook's. */
    private static List<String> taskFiles(Task task, String file, String playbookFile) {
        if (file.startsWith("/")) {
            return List.of();
        }
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        task.role().ifPresent(role -> candidates.add(role.path() + "/tasks/" + file));
        candidates.add(SourceFiles.normalize(SourceFiles.parent(task.location().file()) + "/" + file));
        candidates.add(SourceFiles.normalize(SourceFiles.parent(playbookFile) + "/" + file));
        return List.copyOf(candidates);
    }

    private static boolean found(SourceFiles files, String path, boolean directory) {
        if (files.read(path).isPresent()) {
            return true;
        }
        String dir = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return directory && !files.under(SourceFiles.normalize(dir)).isEmpty();
    }

    private static String message(Source source, List<String> searched) {
        if (searched.isEmpty()) {
            return source.what() + " '" + source.name() + "' is a path on the controller, and a build reads only the"
                    + " files beside the playbook: give it relative to the playbook (files/…)";
        }
        return "could not find " + source.what() + " '" + source.name() + "' (looked in " + String.join(", ", searched)
                + ")";
    }
}
