package dev.playbake.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version Maven stamped into the jar's manifest. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = PlaybakeCommand.class.getPackage().getImplementationVersion();
        return new String[] {"playbake " + (version == null ? "development build" : version)};
    }
}
