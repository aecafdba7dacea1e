package dev.playbake.imagebuild;

import dev.playbake.imagebuild.cache.CacheKeys;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The result's configuration: the base image's, overridden by the request, plus provenance labels. */
final class ResultSettings {

    private ResultSettings() {
    }

    static ImageSettings of(ImageInfo base, BuildRequest request, Set<String> containerLabels) {
        ImageSettings from = base.settings();
        ImageConfig config = request.config();
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : from.env()) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        env.putAll(config.env());
        List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        Map<String, String> labels = new LinkedHashMap<>(from.labels());
        labels.keySet().removeIf(k -> k.startsWith("playbake.dev/"));
        labels.putAll(request.labels());
        labels.put(Labels.PLAYBOOK_SHA, CacheKeys.sha256(request.playbook().contentBytes()));
        labels.put(Labels.BASE_IMAGE, base.id());
        // container-only labels are blanked: a commit merges the container's labels into the image's
        for (String key : List.of(Labels.CACHE_KEY, Labels.STATE, Labels.STEP, Labels.BUILD, Labels.OWNER, Labels.PROCESS,
                Labels.ARTIFACTS)) {
            labels.put(key, "");
        }
        containerLabels.forEach(key -> labels.put(key, ""));
        // only where a scope was set, so that results of the CLI keep the settings (and image keys) they had
        if (!request.cacheScope().isEmpty()) {
            labels.put(Labels.CACHE_SCOPE, "");
        }
        List<String> ports = new ArrayList<>(from.exposedPorts());
        config.exposedPorts().stream().filter(p -> !ports.contains(p)).forEach(ports::add);
        List<String> volumes = new ArrayList<>(from.volumes());
        config.volumes().stream().filter(v -> !volumes.contains(v)).forEach(volumes::add);
        boolean entrypointSet = !config.entrypoint().isEmpty();
        return new ImageSettings(
                entrypointSet ? config.entrypoint() : from.entrypoint(),
                !config.cmd().isEmpty() ? config.cmd() : entrypointSet ? List.of() : from.cmd(),
                envList,
                config.workingDir().orElse(from.workingDir()),
                config.user().orElse(from.user()),
                ports, volumes, labels);
    }
}
