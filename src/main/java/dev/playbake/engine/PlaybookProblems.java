package dev.playbake.engine;

import dev.playbake.playbook.PlaybookException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The problems that stop a build before it starts, all of them (up to {@link #LIMIT}): the first is the exception's
 * location and task, and the message holds one line per problem, each with its file:line and task.
 */
public final class PlaybookProblems extends PlaybookException {

    /** At most this many are listed; the rest are counted. */
    public static final int LIMIT = 20;

    private final List<Problem> problems;

    public PlaybookProblems(List<Problem> problems) {
        super(problems.get(0).task().location(), problems.get(0).task().displayName(), text(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The first problem without its location (the exception carries it), then every other one with its own. */
    private static String text(List<Problem> problems) {
        StringBuilder text = new StringBuilder(problems.get(0).detail());
        List<Problem> shown = problems.subList(1, Math.min(problems.size(), LIMIT));
        if (!shown.isEmpty()) {
            text.append('\n').append(shown.stream().map(Problem::line).collect(Collectors.joining("\n")));
        }
        if (problems.size() > LIMIT) {
            text.append("\n… and ").append(problems.size() - LIMIT).append(" more problems");
        }
        return text.toString();
    }
}
