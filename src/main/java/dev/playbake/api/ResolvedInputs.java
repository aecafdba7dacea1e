package dev.playbake.api;

import dev.playbake.image.RegistryCredentials;

import java.util.Map;
import java.util.Optional;

/**
 * The contents an ImageBuild refers to but does not embed, already read from wherever they live (the
 * cluster for the operator, local files for the CLI).
 *
 * @param playbookFrom the playbook named by {@code spec.playbookFrom}, when the spec uses it
 * @param files        files from {@code spec.filesFrom}, by path
 * @param secretVars   variables from {@code spec.secretVars}
 * @param credentials  registry credentials by registry host, from the pull and push secrets
 * @param pushCredentials registry credentials by registry host for push only (the operator's default push secret)
 */
public record ResolvedInputs(Optional<NamedText> playbookFrom, Map<String, byte[]> files,
                             Map<String, String> secretVars, Map<String, RegistryCredentials> credentials,
                             Map<String, RegistryCredentials> pushCredentials) {

    public ResolvedInputs {
        files = Map.copyOf(files);
        secretVars = Map.copyOf(secretVars);
        credentials = Map.copyOf(credentials);
        pushCredentials = Map.copyOf(pushCredentials);
    }

    /** Without push-only credentials. */
    public ResolvedInputs(Optional<NamedText> playbookFrom, Map<String, byte[]> files, Map<String, String> secretVars,
                          Map<String, RegistryCredentials> credentials) {
        this(playbookFrom, files, secretVars, credentials, Map.of());
    }

    /** Nothing referenced: a spec that embeds its playbook and files and uses no secrets. */
    public static ResolvedInputs none() {
        return new ResolvedInputs(Optional.empty(), Map.of(), Map.of(), Map.of());
    }

    /**
     * A text file's name and content.
     *
     * @param fileName the name errors cite
     * @param content  the text
     */
    public record NamedText(String fileName, String content) {
    }
}
