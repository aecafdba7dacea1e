package dev.playbake.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The arguments a module accepts, declared as Ansible's {@code argument_spec}: names, types, required
 * ones, defaults, aliases, choices, and the groups of which at most one or at least one must be given.
 * Arguments whose name starts with {@code _} are Ansible's internal ones and always accepted.
 *
 * @param forwarded the module hands its arguments to a backend module that validates them when it runs
 *                  ({@code package}, {@code service}); its spec is what any backend accepts, for the
 *                  static check
 */
public record ArgumentSpec(List<Argument> arguments, List<List<String>> mutuallyExclusive,
                           List<List<String>> requiredOneOf, boolean forwarded) {

    public ArgumentSpec {
        arguments = List.copyOf(arguments);
        mutuallyExclusive = List.copyOf(mutuallyExclusive);
        requiredOneOf = List.copyOf(requiredOneOf);
    }

    public static ArgumentSpec of(Argument... arguments) {
        return new ArgumentSpec(List.of(arguments), List.of(), List.of(), false);
    }

    /** This spec with the arguments of others added, for a module that accepts another's arguments too. */
    public ArgumentSpec plus(ArgumentSpec other) {
        List<Argument> all = new ArrayList<>(arguments);
        other.arguments.stream().filter(a -> find(a.name()).isEmpty()).forEach(all::add);
        return new ArgumentSpec(all, mutuallyExclusive, requiredOneOf, forwarded);
    }

    public ArgumentSpec mutuallyExclusive(String... names) {
        return new ArgumentSpec(arguments, append(mutuallyExclusive, names), requiredOneOf, forwarded);
    }

    public ArgumentSpec requiredOneOf(String... names) {
        return new ArgumentSpec(arguments, mutuallyExclusive, append(requiredOneOf, names), forwarded);
    }

    /** The same arguments, validated by the backend the module forwards them to. */
    public ArgumentSpec forwardedToBackend() {
        return new ArgumentSpec(arguments, mutuallyExclusive, requiredOneOf, true);
    }

    public Optional<Argument> find(String name) {
        return arguments.stream().filter(a -> a.names().anyMatch(name::equals)).findFirst();
    }

    /** Whether a task may give an argument of this name. */
    public boolean accepts(String name) {
        return name.startsWith("_") || find(name).isPresent();
    }

    /** Every name and alias, sorted. */
    public List<String> names() {
        return arguments.stream().flatMap(Argument::names).sorted().toList();
    }

    private static List<List<String>> append(List<List<String>> groups, String... names) {
        return Stream.concat(groups.stream(), Stream.of(List.of(names))).toList();
    }
}
