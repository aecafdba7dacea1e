package dev.playbake.cli;

import dev.playbake.engine.Misspelling;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * The command line as playbake runs it: words it does not know are an error (exit 2, naming the word and the closest
 * command), even next to {@code --help}, where picocli would print the top-level usage and exit 0; an exception no
 * command turned into a message is one line ({@link Failures}), never a stack trace unless {@code --debug} asks.
 */
final class CommandLines {

    private CommandLines() {
    }

    /** Gives a command line of {@link PlaybakeCommand} these rules; returns it. */
    static CommandLine configure(CommandLine line) {
        CommandLine.IExecutionStrategy standard = line.getExecutionStrategy();
        line.setExecutionStrategy(parsed -> refusal(parsed).map(message -> {
            PrintWriter err = parsed.commandSpec().commandLine().getErr();
            err.println(message);
            err.flush();
            return BuildCommand.BAD_INPUT;
        }).orElseGet(() -> standard.execute(parsed)));
        line.setExecutionExceptionHandler(new Failures());
        line.setParameterExceptionHandler(CommandLines::badParameter);
        return line;
    }

    /** A flag or parameter picocli cannot read: its reason and where help is, as docker says it, not the usage. */
    private static int badParameter(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String path = command.getCommandSpec().qualifiedName();
        boolean unknownCommand = e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !command.getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty();
        err.println(path + ": " + (unknownCommand ? "unknown command '"
                + ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0) + "'" : e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + path + " --help'.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Why the deepest command of the line refuses it: a word it has no meaning for. */
    static Optional<String> refusal(ParseResult parsed) {
        ParseResult deepest = parsed;
        while (deepest.subcommand() != null) {
            deepest = deepest.subcommand();
        }
        List<String> unmatched = deepest.unmatched();
        if (unmatched.isEmpty()) {
            return Optional.empty();
        }
        CommandLine.Model.CommandSpec spec = deepest.commandSpec();
        String word = unmatched.get(0);
        String path = spec.qualifiedName();
        if (spec.subcommands().isEmpty()) {
            return Optional.of(path + ": unexpected argument '" + word + "'; see " + path + " --help");
        }
        List<String> commands = spec.subcommands().keySet().stream().sorted().toList();
        String hint = Misspelling.closest(word, commands).map(c -> "; did you mean '" + c + "'?").orElse(".");
        return Optional.of(path + ": unknown command '" + word + "'" + hint + " The commands are "
                + String.join(", ", commands) + " (" + path + " --help).");
    }
}
