package dev.playbake.api;

import java.util.List;
import java.util.stream.Collectors;

/** An ImageBuild spec that cannot become a build; {@link #problems()} lists every reason at once. */
public class InvalidSpecException extends RuntimeException {

    private final List<SpecProblem> problems;

    public InvalidSpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
