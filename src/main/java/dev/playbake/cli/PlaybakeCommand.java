package dev.playbake.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code playbake} command: its subcommands are the product's command-line interface. */
@TopCommand
@Command(name = "playbake", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Builds container images from Ansible playbooks.",
        subcommands = {BuildCommand.class, OperatorCommand.class, CacheCommand.class, LogsCommand.class})
public class PlaybakeCommand {
}
