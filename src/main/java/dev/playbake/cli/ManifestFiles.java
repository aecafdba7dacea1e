package dev.playbake.cli;

import dev.playbake.playbook.LocatedList;
import dev.playbake.playbook.LocatedMap;
import dev.playbake.playbook.YamlLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads Kubernetes objects as people keep them: several documents in a file ({@code ---} between them), and
 * files in a directory, as {@code kubectl apply -f} reads both. YAML is read as Kubernetes reads it (YAML 1.1
 * scalars: {@code yes} is true), by the playbook's loader, so errors cite file:line.
 */
final class ManifestFiles {

    private ManifestFiles() {
    }

    /**
     * Whether a file's documents are Kubernetes objects rather than a playbook: more than one document, or one
     * that names its kind (a playbook is a single list of plays).
     */
    static boolean isManifest(List<Object> documents) {
        List<Object> present = documents.stream().filter(Objects::nonNull).toList();
        return present.size() > 1 || present.size() == 1 && present.get(0) instanceof Map<?, ?> map
                && map.containsKey("kind");
    }

    /** The objects of one file's documents; a document that is not one is an error naming it. */
    static List<ManifestDocument> of(Path file, List<Object> documents) {
        List<ManifestDocument> objects = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Object document = documents.get(i);
            if (document == null) {
                continue;  // an empty document, as a trailing '---' leaves
            }
            if (!(document instanceof LocatedMap map) || !(map.get("kind") instanceof String)) {
                int line = document instanceof LocatedMap map ? map.location().line()
                        : document instanceof LocatedList list ? list.location().line() : 0;
                throw new BadInputException(file + (line > 0 ? ":" + line : "") + " (document " + (i + 1)
                        + "): not a Kubernetes object (it has no kind); a manifest holds ImageBuild and ConfigMap"
                        + " documents");
            }
            objects.add(new ManifestDocument(file, i + 1, map.location().line(), map));
        }
        return objects;
    }

    /**
     * The objects of a directory's YAML and JSON files (not its subdirectories, as kubectl without -R), by file
     * name. A file without any kind is skipped: the playbook or vars file an ImageBuild reads beside it.
     */
    static Directory directory(Path dir) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(Files::isRegularFile).filter(ManifestFiles::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("cannot read " + dir + ": " + e.getMessage());
        }
        List<ManifestDocument> objects = new ArrayList<>();
        List<Path> manifests = new ArrayList<>();
        for (Path file : files) {
            List<Object> documents = YamlLoader.loadAll(file.toString(), read(file));
            boolean anyKind = documents.stream().anyMatch(d -> d instanceof Map<?, ?> map && map.containsKey("kind"));
            if (anyKind) {
                objects.addAll(of(file, documents));
                manifests.add(file);
            }
        }
        return new Directory(objects, manifests);
    }

    /**
     * What a directory holds.
     *
     * @param objects   its Kubernetes objects
     * @param manifests the files they are in (not files a build reads)
     */
    record Directory(List<ManifestDocument> objects, List<Path> manifests) {

        Directory {
            objects = List.copyOf(objects);
            manifests = List.copyOf(manifests);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }
}
