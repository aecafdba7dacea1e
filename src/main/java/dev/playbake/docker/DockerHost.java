package dev.playbake.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.ListImagesCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.runtime.ContainerLimits;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.runtime.ContainerSummary;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.runtime.ImageInfo;
import dev.playbake.runtime.ImageSettings;
import dev.playbake.runtime.ImageSummary;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Docker daemon, reached over docker-java: the containers, images and registries a build uses. */
public final class DockerHost implements ContainerRuntime, AutoCloseable {

    /** Keeps the working container alive without depending on anything but a POSIX shell. */
    static final List<String> KEEP_ALIVE =
            List.of("/bin/sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done");

    /** How long a control call may wait for the daemon's answer unless the caller says otherwise. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final String uri;
    private final DockerCalls calls;
    /** For the looks at running commands' output ({@link DockerCalls#apart}). */
    private final DockerCalls looks;
    private volatile long hostCpus;
    private final DockerEngineApi engineApi;
    private final DockerRegistries registries;

    private DockerHost(String uri, DockerCalls calls) {
        this.uri = uri;
        this.calls = calls;
        this.looks = calls.apart();
        this.engineApi = new DockerEngineApi(calls, this::imageId);
        this.registries = new DockerRegistries(calls);
    }

    /** {@link #connect(String, Duration)} with {@link #DEFAULT_RESPONSE_TIMEOUT}. */
    public static DockerHost connect(String uri) {
        return connect(uri, DEFAULT_RESPONSE_TIMEOUT);
    }

    /**
     * Connects to a daemon ({@code unix:///var/run/docker.sock}, {@code tcp://host:2376}; TLS settings
     * come from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH) and checks that it answers.
     *
     * @param responseTimeout how long a control call (ping, inspect, create, start, remove, list) waits for an
     *                        answer; calls that stream (exec, pull, push, commit, export) end only by {@link #abort}
     */
    public static DockerHost connect(String uri, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(uri)
                .build();
        DockerHost host = new DockerHost(uri, new DockerCalls(uri, responseTimeout, () -> {
            ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .maxConnections(32)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .build();
            return new DockerCalls.Session(DockerClientImpl.getInstance(config, http), http);
        }));
        try {
            host.calls.command("ping", s -> s.client().pingCmd().exec());
        } catch (HostUnavailableException e) {
            host.close();
            throw e;
        } catch (RuntimeException e) {
            host.close();
            throw new HostUnavailableException(
                    "Docker host " + uri + " does not answer: " + rootMessage(e), e);
        }
        return host;
    }

    /** The daemon named by DOCKER_HOST, else the local unix socket. */
    public static DockerHost local() {
        String fromEnv = System.getenv("DOCKER_HOST");
        return connect(fromEnv == null || fromEnv.isBlank() ? "unix:///var/run/docker.sock" : fromEnv);
    }

    public String uri() {
        return uri;
    }

    /** The daemon's engine version, e.g. {@code 20.10.24}. */
    public String engineVersion() {
        return calls.control("version", s -> s.client().versionCmd().exec().getVersion());
    }

    /**
     * Makes every call in flight on this object fail now with HostUnavailableException (a build that was canceled
     * or timed out must not wait for a daemon that stopped answering); later calls connect afresh.
     */
    public void abort(String why) {
        calls.abort(why);
        looks.abort(why);
    }

    /** Why this host was given up on, if a control call got no answer within the response timeout. */
    public Optional<String> stoppedAnswering() {
        return calls.stoppedAnswering();
    }

    @Override
    public String startContainer(ContainerSpec spec) {
        HostConfig hostConfig = hostConfig(spec.limits());
        String id = calls.control("create container", s -> {
            CreateContainerCmd create = s.client().createContainerCmd(spec.image()).withLabels(spec.labels())
                    .withHostConfig(hostConfig);
            spec.process().ifPresent(process -> create
                    .withEnv(process.env())
                    .withUser(process.user())
                    .withWorkingDir(process.workingDir().isEmpty() ? "/" : process.workingDir()));
            spec.hostname().ifPresent(create::withHostName);
            return create.withEntrypoint(KEEP_ALIVE).withCmd(List.of()).exec().getId();
        });
        try {
            calls.command("start container", s -> s.client().startContainerCmd(id).exec());
        } catch (RuntimeException e) {
            removeContainer(id);
            throw e;
        }
        return id;
    }

    private HostConfig hostConfig(ContainerLimits limits) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(limits.network() == ContainerLimits.Network.NONE ? "none" : "bridge");
        limits.memoryBytes().ifPresent(bytes -> host.withMemory(bytes).withMemorySwap(bytes));
        // the daemon refuses more CPUs than it has; that many is no limit at all, so ask for at most that
        limits.nanoCpus().ifPresent(nanos -> host.withNanoCPUs(Math.min(nanos, hostCpus() * 1_000_000_000L)));
        limits.pids().ifPresent(host::withPidsLimit);
        return host;
    }

    /** The daemon's CPU count, asked once per connection: every limited container start needs it. */
    private long hostCpus() {
        if (hostCpus == 0) {
            Integer cpus = calls.control("info", s -> s.client().infoCmd().exec().getNCPU());
            hostCpus = cpus == null || cpus < 1 ? Long.MAX_VALUE / 1_000_000_000L : cpus;
        }
        return hostCpus;
    }

    /** Creates and starts a working container from an image with labels; the image may be a snapshot. */
    public String startContainer(String image, Map<String, String> labels) {
        return startContainer(new ContainerSpec(image, labels));
    }

    /** How many filesystem layers an image has (overlay2 allows about 125). */
    @Override
    public int layerCount(String image) {
        var rootFs = calls.control("inspect image", s -> s.client().inspectImageCmd(image).exec()).getRootFS();
        return rootFs == null || rootFs.getLayers() == null ? 0 : rootFs.getLayers().size();
    }

    /**
     * Exports a container's filesystem and imports it as a single-layer image (the squash that keeps
     * long builds under the layer limit). The image has no configuration of its own.
     */
    @Override
    public String flatten(String containerId, String repository) {
        return engineApi.flatten(containerId, repository);
    }

    /**
     * Commits a container as an image with exactly the given settings (docker-java's commit cannot
     * set the entrypoint, so this speaks the Engine API directly). Returns the image ID. A quiescent container is
     * not paused: freezing and thawing its cgroup is about a quarter of a small commit.
     */
    @Override
    public String commit(String containerId, ImageSettings settings, boolean quiescent) {
        return engineApi.commit(containerId, settings, !quiescent);
    }

    /** The image as the daemon describes it, or empty when it does not have it. */
    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        try {
            InspectImageResponse image = calls.control("inspect image", s -> s.client().inspectImageCmd(reference).exec());
            return Optional.of(DockerModels.info(image));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Local images carrying a label (any value), newest first. */
    @Override
    public List<ImageSummary> imagesLabelled(String label) {
        return listImages(list -> list.withLabelFilter(label));
    }

    @Override
    public List<ImageSummary> images() {
        return listImages(UnaryOperator.identity());
    }

    private List<ImageSummary> listImages(UnaryOperator<ListImagesCmd> filter) {
        return calls.control("list images", s -> filter.apply(s.client().listImagesCmd()).exec()).stream()
                .map(DockerModels::summary).toList();
    }

    /** A connection that runs commands in the container through {@code docker exec}. */
    @Override
    public DockerExecConnection connection(String containerId) {
        return new DockerExecConnection(calls, looks, containerId);
    }

    /** Removes a container and its anonymous volumes; a container that is already gone is fine. */
    @Override
    public void removeContainer(String containerId) {
        try {
            calls.command("remove container", s -> s.client().removeContainerCmd(containerId).withForce(true)
                    .withRemoveVolumes(true).exec());
        } catch (NotFoundException alreadyGone) {
            // removal is idempotent: cleanup paths may race each other
        } catch (ConflictException e) {
            if (!String.valueOf(e.getMessage()).contains("already in progress")) {
                throw e;
            }
            awaitRemoval(containerId);
        }
    }

    @Override
    public boolean isRunning(String containerId) {
        try {
            return Boolean.TRUE.equals(calls.control("inspect container",
                    s -> s.client().inspectContainerCmd(containerId).exec()).getState().getRunning());
        } catch (NotFoundException gone) {
            return false;
        }
    }

    /** Another caller is removing the container: return once it is gone, so "removed" means removed. */
    private void awaitRemoval(String containerId) {
        for (int i = 0; i < 100; i++) {
            try {
                calls.command("inspect container", s -> s.client().inspectContainerCmd(containerId).exec());
            } catch (NotFoundException gone) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new HostUnavailableException("container " + containerId + " was still being removed after 10s", null);
    }

    /** IDs of all containers, running or not, that carry the label (with any value). */
    @Override
    public List<ContainerSummary> containersLabelled(String label) {
        return calls.control("list containers", s -> s.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(label)).exec()).stream().map(DockerModels::summary).toList();
    }

    /** The image's ID, or empty when the daemon does not have it. */
    public Optional<String> imageId(String reference) {
        try {
            return Optional.of(calls.control("inspect image", s -> s.client().inspectImageCmd(reference).exec()).getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void tag(String image, String reference) {
        ImageReference ref = ImageReference.parse(reference);
        calls.command("tag image", s -> s.client().tagImageCmd(image, ref.repository(), ref.tagOrLatest()).exec());
    }

    /** Removes an image reference (and the image when nothing else refers to it). */
    @Override
    public void removeImage(String reference) {
        try {
            // deleting layers may take long on a busy disk: bounded by the build, as streams are
            calls.stream(s -> {
                s.client().removeImageCmd(reference).withForce(true).exec();
                return null;
            });
        } catch (NotFoundException alreadyGone) {
            // idempotent, as for containers
        }
    }

    /** Pushes a tag and returns the manifest digest the registry reported. */
    @Override
    public String push(String reference, Optional<RegistryCredentials> credentials) {
        return registries.push(reference, credentials);
    }

    /** Pulls a reference (by tag or by digest) and returns the manifest digest the registry served. */
    @Override
    public String pull(String reference, Optional<RegistryCredentials> credentials) {
        return registries.pull(reference, credentials);
    }

    /** The manifest digest the registry serves for a reference now, without pulling it. */
    @Override
    public String registryDigest(String reference, Optional<RegistryCredentials> credentials) {
        return registries.digest(reference, credentials);
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return daemonMessage(message.strip());
    }

    /** docker-java's {@code Status 500: {"message":"…"}} as the daemon's own sentence; other text as it is. */
    static String daemonMessage(String message) {
        Matcher status = DAEMON_ERROR.matcher(message);
        if (!status.matches()) {
            return message;
        }
        try {
            JsonNode said = JSON.readTree(status.group(1)).path("message");
            return said.isTextual() && !said.asText().isBlank() ? said.asText().strip() : message;
        } catch (IOException e) {
            return message;
        }
    }

    private static final Pattern DAEMON_ERROR = Pattern.compile("Status \\d{3}: (\\{.*})", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void close() {
        calls.close();
        looks.close();
    }
}
