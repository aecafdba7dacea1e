package dev.playbake.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** The command line inside the Quarkus application ({@code playbake operator}): {@link CommandLines}' rules. */
@ApplicationScoped
class UnknownCommands {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return CommandLines.configure(factory.create());
    }
}
