package dev.playbake.api;

import io.fabric8.kubernetes.api.model.ConfigMap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files a ConfigMap named by {@code spec.filesFrom} gives a build, for the operator (from the cluster) and
 * the CLI (from manifests) alike: every data and binaryData key, by path.
 */
public final class ConfigMapFiles {

    /** ConfigMap keys cannot hold '/', so {@code roles__web__tasks__main.yml} stands for a path. */
    public static final String PATH_SEPARATOR_IN_KEYS = "__";

    private ConfigMapFiles() {
    }

    /** The ConfigMap's keys as files by path. */
    public static Map<String, byte[]> of(ConfigMap configMap) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Optional.ofNullable(configMap.getData()).orElse(Map.of()).forEach((key, value) ->
                files.put(path(key), value.getBytes(StandardCharsets.UTF_8)));
        Optional.ofNullable(configMap.getBinaryData()).orElse(Map.of()).forEach((key, value) ->
                files.put(path(key), Base64.getDecoder().decode(value)));
        return files;
    }

    /** The path a key stands for. */
    public static String path(String key) {
        return key.replace(PATH_SEPARATOR_IN_KEYS, "/");
    }
}
