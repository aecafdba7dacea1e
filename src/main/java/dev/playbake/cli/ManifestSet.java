package dev.playbake.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ImageBuild of the input and the ConfigMaps beside it that it may read, what {@code kubectl apply} of the
 * same input would create. Secrets are refused: their values would go from a file into a local build, where
 * nothing masks them (a local build takes registry credentials from ~/.docker/config.json, and secretVars are
 * refused anyway).
 *
 * @param input      the file or directory the user named
 * @param build      the ImageBuild
 * @param configMaps the ConfigMaps in the ImageBuild's namespace, by name
 */
record ManifestSet(Path input, ManifestDocument build, Map<String, ManifestDocument> configMaps) {

    private static final String API_GROUP = "playbake.dev/";

    ManifestSet {
        configMaps = Map.copyOf(configMaps);
    }

    /**
     * The set of these documents; {@code name} chooses among several ImageBuilds.
     *
     * @throws BadInputException naming every document of a kind it does not read, or the ImageBuilds to choose from
     */
    static ManifestSet of(Path input, List<ManifestDocument> documents, Optional<String> name) {
        List<String> refused = new ArrayList<>();
        List<ManifestDocument> builds = new ArrayList<>();
        List<ManifestDocument> configMaps = new ArrayList<>();
        for (ManifestDocument document : documents) {
            if (document.kind().equals("ImageBuild") && document.apiVersion().startsWith(API_GROUP)) {
                builds.add(document);
            } else if (document.kind().equals("ConfigMap") && document.apiVersion().equals("v1")) {
                configMaps.add(document);
            } else if (document.kind().equals("Secret")) {
                refused.add(document.where() + ": Secret " + document.name() + " is not read: a local build takes no"
                        + " secret values from files (registry credentials come from ~/.docker/config.json);"
                        + " keep Secrets out of what playbake build reads");
            } else {
                refused.add(document.where() + ": " + document.apiVersion() + " " + document.kind() + " is not"
                        + " something playbake build reads (ImageBuild " + API_GROUP + "v1alpha1 and v1 ConfigMap)");
            }
        }
        if (!refused.isEmpty()) {
            throw new BadInputException(String.join("\n", refused));
        }
        ManifestDocument build = chosen(input, builds, name);
        Map<String, ManifestDocument> byName = new LinkedHashMap<>();
        for (ManifestDocument configMap : configMaps) {
            if (!configMap.namespace().isEmpty() && !build.namespace().isEmpty()
                    && !configMap.namespace().equals(build.namespace())) {
                continue;  // another namespace's: the ImageBuild cannot name it
            }
            ManifestDocument before = byName.putIfAbsent(configMap.name(), configMap);
            if (before != null) {
                throw new BadInputException(configMap.where() + ": ConfigMap " + configMap.name() + " is given"
                        + " twice; the other is at " + before.where());
            }
        }
        return new ManifestSet(input, build, byName);
    }

    private static ManifestDocument chosen(Path input, List<ManifestDocument> builds, Optional<String> name) {
        if (builds.isEmpty()) {
            throw new BadInputException(input + ": no ImageBuild (" + API_GROUP + "v1alpha1) to build");
        }
        String listed = builds.stream().map(b -> b.name() + " (" + b.where() + ")").collect(Collectors.joining(", "));
        if (name.isPresent()) {
            return builds.stream().filter(b -> b.name().equals(name.get())).findFirst().orElseThrow(() ->
                    new BadInputException(input + ": no ImageBuild named " + name.get() + "; there are " + listed));
        }
        if (builds.size() > 1) {
            throw new BadInputException(input + " holds " + builds.size() + " ImageBuilds: " + listed
                    + "; choose one with --name");
        }
        return builds.get(0);
    }

    /** The ConfigMap of this name, or an error naming it, the ImageBuild's field, and where it was looked for. */
    ManifestDocument configMap(String name, String field) {
        ManifestDocument configMap = configMaps.get(name);
        if (configMap == null) {
            throw new BadInputException(build.where() + ": " + field + " names ConfigMap " + name + ", which " + input
                    + " does not hold" + (configMaps.isEmpty() ? "" : " (it holds " + String.join(", ",
                    configMaps.keySet().stream().sorted().toList()) + ")"));
        }
        return configMap;
    }
}
