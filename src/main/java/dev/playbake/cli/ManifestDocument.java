package dev.playbake.cli;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kubernetes object of the input, with where it was written.
 *
 * @param file   the file it is in, as the user named it
 * @param index  its place among the file's documents, from 1
 * @param line   the line it starts on, from 1
 * @param object the object as YAML gives it
 */
record ManifestDocument(Path file, int index, int line, Map<String, Object> object) {

    ManifestDocument {
        object = Collections.unmodifiableMap(new LinkedHashMap<>(object));  // YAML's nulls stay
    }

    /** {@code file:line (document N)}, what errors start with. */
    String where() {
        return file + ":" + line + " (document " + index + ")";
    }

    String kind() {
        return text(object.get("kind"));
    }

    String apiVersion() {
        return text(object.get("apiVersion"));
    }

    /** {@code metadata.name}, empty when unset. */
    String name() {
        return metadata("name");
    }

    /** {@code metadata.namespace}, empty when unset (the namespace {@code kubectl apply} would use). */
    String namespace() {
        return metadata("namespace");
    }

    /** The kind and name as kubectl writes them, {@code ConfigMap/web-playbook}. */
    String title() {
        return kind() + "/" + name();
    }

    private String metadata(String field) {
        return object.get("metadata") instanceof Map<?, ?> metadata ? text(metadata.get(field)) : "";
    }

    private static String text(Object value) {
        return value instanceof String text ? text : "";
    }
}
