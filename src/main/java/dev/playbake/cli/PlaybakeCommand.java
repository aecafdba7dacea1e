package dev.playbake.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code playbake} command: its subcommands are the product's command-line interface. */
@TopCommand
@Command(name = "playbake", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Builds container images from Ansible playbooks.",
        subcommands = {BuildCommand.class, OperatorCommand.class, CacheCommand.class, LogsCommand.class})
public class PlaybakeCommand {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace behind an error message.")
    void debug(boolean on) {
        Debug.enable(on);
    }
}
