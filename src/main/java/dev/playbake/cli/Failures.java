package dev.playbake.cli;

import dev.playbake.playbook.PlaybookException;
import dev.playbake.runtime.HostUnavailableException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * What an exception no command turned into a message becomes: one line with the exit code of its kind (bad input 2,
 * an unreachable host 3, anything else 1, a bug in playbake), the stack trace only with {@code --debug}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        int code;
        if (e instanceof BadInputException || e instanceof PlaybookException) {
            err.println("playbake: " + e.getMessage());
            code = BuildCommand.BAD_INPUT;
        } else if (e instanceof HostUnavailableException) {
            err.println("playbake: " + e.getMessage());
            code = BuildCommand.UNREACHABLE;
        } else {
            err.println("playbake: internal error, a bug in playbake: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                    + (Debug.enabled() ? "" : " (--debug shows the stack trace)"));
            code = BuildCommand.FAILED;
        }
        Debug.trace(e, err);
        err.flush();
        return code;
    }
}
