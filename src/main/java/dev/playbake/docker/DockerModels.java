package dev.playbake.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Image;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSettings;
import dev.playbake.runtime.ImageSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** docker-java's answers as the runtime port's records, nulls read as empty: no docker-java type leaves this package. */
final class DockerModels {

    private DockerModels() {
    }

    static ImageSummary summary(Image image) {
        return new ImageSummary(image.getId(), image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags()),
                image.getLabels() == null ? Map.of() : image.getLabels(), image.getSize() == null ? 0 : image.getSize(),
                image.getParentId() == null ? "" : image.getParentId(),
                Instant.ofEpochSecond(image.getCreated() == null ? 0 : image.getCreated()));
    }

    static ImageInfo info(InspectImageResponse image) {
        ContainerConfig config = image.getConfig();
        List<String> entrypoint = config == null || config.getEntrypoint() == null ? List.of() : List.of(config.getEntrypoint());
        List<String> cmd = config == null || config.getCmd() == null ? List.of() : List.of(config.getCmd());
        List<String> env = config == null || config.getEnv() == null ? List.of() : List.of(config.getEnv());
        List<String> ports = new ArrayList<>();
        if (config != null && config.getExposedPorts() != null) {
            for (var port : config.getExposedPorts()) {
                ports.add(port.toString());
            }
        }
        List<String> volumes = new ArrayList<>();
        if (config != null && config.getVolumes() != null) {
            volumes.addAll(config.getVolumes().keySet());
        }
        Map<String, String> labels = config == null || config.getLabels() == null ? Map.of() : config.getLabels();
        ImageSettings settings = new ImageSettings(entrypoint, cmd, env,
                config == null || config.getWorkingDir() == null ? "" : config.getWorkingDir(),
                config == null || config.getUser() == null ? "" : config.getUser(), ports, volumes, labels);
        Instant created = image.getCreated() == null ? Instant.EPOCH : Instant.parse(image.getCreated());
        return new ImageInfo(image.getId(), image.getRepoTags() == null ? List.of() : image.getRepoTags(), settings,
                image.getSize() == null ? 0 : image.getSize(), created,
                image.getRepoDigests() == null ? List.of() : image.getRepoDigests());
    }

    static ContainerSummary summary(Container container) {
        return new ContainerSummary(container.getId(), container.getImageId() == null ? "" : container.getImageId(),
                container.getLabels() == null ? Map.of() : container.getLabels());
    }
}
