package dev.playbake.cli;

import picocli.CommandLine;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * playbake's commands without the Quarkus application, which only {@code playbake operator} needs: booting it
 * (CDI, the Kubernetes client, Micrometer, the HTTP router) is most of a short command's wall time. bin/playbake
 * starts {@code operator} through Quarkus and every other command here.
 */
public final class Cli {

    static {
        // the logging framework on the class path (JBoss LogManager, as in the Quarkus application) must own
        // java.util.logging before anything logs, or it says so on stderr
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    }

    /**
     * The levels application.properties gives the Quarkus application, held here so the logging framework cannot
     * collect the configured loggers: libraries warn, and an aborted Docker stream is reported by playbake, not
     * logged by docker-java with its stack trace.
     */
    private static final List<Logger> LEVELS = List.of(level("", Level.WARNING),
            level("com.github.dockerjava.api.async.ResultCallbackTemplate", Level.OFF));

    private Cli() {
    }

    public static void main(String[] args) {
        if (firstCommand(args).equals("operator")) {
            System.err.println("playbake operator: runs in the Quarkus application: java -jar lib/quarkus-run.jar "
                    + "operator (bin/playbake starts it that way)");
            System.exit(BuildCommand.BAD_INPUT);
        }
        System.exit(CommandLines.configure(new CommandLine(new PlaybakeCommand())).execute(args));
    }

    /** The first word that is not an option: the top-level options take no value. */
    static String firstCommand(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    private static Logger level(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        return logger;
    }
}
