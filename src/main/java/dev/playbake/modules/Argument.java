package dev.playbake.modules;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One entry of a module's {@link ArgumentSpec}.
 *
 * @param defaultValue what the module receives when the task does not give the argument (nor an alias)
 * @param isRequired   the task must give it (or an alias)
 * @param choices      the values the argument may take, empty for any
 */
public record Argument(String name, ArgumentType type, boolean isRequired, Optional<Object> defaultValue,
                       List<String> aliases, List<String> choices) {

    public Argument {
        aliases = List.copyOf(aliases);
        choices = List.copyOf(choices);
    }

    public static Argument of(String name, ArgumentType type) {
        return new Argument(name, type, false, Optional.empty(), List.of(), List.of());
    }

    public static Argument str(String name) {
        return of(name, ArgumentType.STR);
    }

    public static Argument path(String name) {
        return of(name, ArgumentType.PATH);
    }

    public static Argument bool(String name) {
        return of(name, ArgumentType.BOOL);
    }

    public static Argument integer(String name) {
        return of(name, ArgumentType.INT);
    }

    public static Argument list(String name) {
        return of(name, ArgumentType.LIST);
    }

    public static Argument dict(String name) {
        return of(name, ArgumentType.DICT);
    }

    public static Argument raw(String name) {
        return of(name, ArgumentType.RAW);
    }

    public Argument required() {
        return new Argument(name, type, true, defaultValue, aliases, choices);
    }

    public Argument defaultsTo(Object value) {
        return new Argument(name, type, isRequired, Optional.of(value), aliases, choices);
    }

    public Argument aliases(String... names) {
        return new Argument(name, type, isRequired, defaultValue, List.of(names), choices);
    }

    public Argument choices(String... values) {
        return new Argument(name, type, isRequired, defaultValue, aliases, List.of(values));
    }

    /** The name and its aliases: every key a task may write this argument under. */
    public Stream<String> names() {
        return Stream.concat(Stream.of(name), aliases.stream());
    }
}
