package dev.playbake.runtime;

import dev.playbake.connection.Connection;
import dev.playbake.connection.ConnectionException;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.connection.RecordingConnection;
import dev.playbake.image.ImageReference;
import dev.playbake.image.RegistryCredentials;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A container runtime in memory, for fast unit tests of the build pipeline: containers are
 * {@link RecordingConnection}s (scripted by {@link #containers}), commits are images with the labels they
 * were given, and every call is written to {@link #calls()}. An operation can be made to fail with
 * {@link #fail}. Never a stand-in for the Docker ITs: it knows nothing of what a real daemon does.
 */
public final class FakeContainerRuntime implements ContainerRuntime {

    private record Image(String id, ImageSettings settings, List<String> tags, int layers, Instant created,
                         List<String> digests) {
    }

    private record Served(ImageSettings settings, String username, String digest) {
    }

    private record Container(String id, String image, Map<String, String> labels, RecordingConnection connection) {
    }

    private final Map<String, Image> images = new LinkedHashMap<>();
    private final Map<String, Served> registry = new HashMap<>();
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, RecordingConnection> started = new LinkedHashMap<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private Consumer<RecordingConnection> script = connection -> { };
    private int next;

    /** An image the runtime has, as if pulled earlier. */
    public FakeContainerRuntime image(String reference, ImageSettings settings) {
        String id = "sha256:" + hex(++next);
        images.put(id, new Image(id, settings, new ArrayList<>(List.of(reference)), 1, Instant.ofEpochSecond(next),
                List.of()));
        return this;
    }

    /** An image a registry serves under this reference to whoever pulls it as {@code username}. */
    public FakeContainerRuntime served(String reference, ImageSettings settings, String username) {
        registry.put(reference, new Served(settings, username, "sha256:" + "d".repeat(56) + hex(++next)));
        return this;
    }

    /** Scripts the connection of every container started from now on. */
    public FakeContainerRuntime containers(Consumer<RecordingConnection> script) {
        this.script = script;
        return this;
    }

    /** Makes every later call of an operation ({@code startContainer}, {@code commit}, {@code push} …) throw. */
    public FakeContainerRuntime fail(String operation, RuntimeException error) {
        failures.put(operation, error);
        return this;
    }

    /** What was called, in order: {@code startContainer <image>}, {@code removeContainer <id>} … */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The containers that exist now. */
    public synchronized List<String> liveContainers() {
        return List.copyOf(containers.keySet());
    }

    /** The connection of a container started earlier, removed or not. */
    public synchronized RecordingConnection connectionOf(String containerId) {
        return started.get(containerId);
    }

    @Override
    public synchronized String startContainer(ContainerSpec spec) {
        call("startContainer", spec.image());
        if (resolve(spec.image()).isEmpty()) {
            throw new HostUnavailableException("no such image: " + spec.image(), null);
        }
        String id = hex(++next);
        RecordingConnection connection = new RecordingConnection();
        script.accept(connection);
        containers.put(id, new Container(id, spec.image(), spec.labels(), connection));
        started.put(id, connection);
        return id;
    }

    @Override
    public synchronized boolean isRunning(String containerId) {
        return containers.containsKey(containerId);
    }

    @Override
    public Connection connection(String containerId) {
        RecordingConnection recording = connectionOf(containerId);
        // a removed container's commands fail as docker exec's do
        return new Connection() {
            @Override
            public ExecResult exec(ExecRequest request) {
                alive();
                return recording.exec(request);
            }

            @Override
            public void put(List<FileEntry> files) {
                alive();
                recording.put(files);
            }

            @Override
            public Optional<byte[]> fetch(String path) {
                alive();
                return recording.fetch(path);
            }

            @Override
            public long execCount() {
                return recording.execCount();
            }

            @Override
            public boolean quiescent() {
                return recording.quiescent();
            }

            private void alive() {
                synchronized (FakeContainerRuntime.this) {
                    if (!containers.containsKey(containerId)) {
                        throw new ConnectionException("container " + containerId.substring(0, 12) + " is gone");
                    }
                }
            }
        };
    }

    @Override
    public synchronized void removeContainer(String containerId) {
        call("removeContainer", containerId);
        containers.remove(containerId);
    }

    @Override
    public synchronized List<ContainerSummary> containersLabelled(String label) {
        return containers.values().stream().filter(c -> matches(c.labels(), label))
                .map(c -> new ContainerSummary(c.id(), resolve(c.image()).map(Image::id).orElse(""), c.labels()))
                .toList();
    }

    @Override
    public synchronized String commit(String containerId, ImageSettings settings, boolean quiescent) {
        call("commit", containerId);
        Container container = containers.get(containerId);
        if (container == null) {
            throw new HostUnavailableException("commit of container " + containerId + " failed: 404", null);
        }
        int layers = resolve(container.image()).map(Image::layers).orElse(0) + 1;
        String id = "sha256:" + hex(++next);
        images.put(id, new Image(id, settings, new ArrayList<>(), layers, Instant.ofEpochSecond(next), List.of()));
        return id;
    }

    @Override
    public synchronized String flatten(String containerId, String repository) {
        call("flatten", containerId);
        String id = "sha256:" + hex(++next);
        images.put(id, new Image(id, new ImageSettings(List.of(), List.of(), List.of(), "", "", List.of(), List.of(),
                Map.of()), new ArrayList<>(List.of(repository)), 1, Instant.ofEpochSecond(next), List.of()));
        return id;
    }

    @Override
    public synchronized int layerCount(String image) {
        return resolve(image).map(Image::layers).orElse(0);
    }

    @Override
    public synchronized Optional<ImageInfo> inspectImage(String reference) {
        return resolve(reference).map(i -> new ImageInfo(i.id(), List.copyOf(i.tags()), i.settings(), 1000, i.created(),
                i.digests()));
    }

    @Override
    public synchronized List<ImageSummary> imagesLabelled(String label) {
        call("imagesLabelled", label);
        return summaries().stream().filter(image -> matches(image.labels(), label)).toList();
    }

    @Override
    public synchronized List<ImageSummary> images() {
        call("images", "");
        return summaries();
    }

    private List<ImageSummary> summaries() {
        List<ImageSummary> found = new ArrayList<>();
        for (Image image : images.values()) {
            found.add(0, new ImageSummary(image.id(), List.copyOf(image.tags()), image.settings().labels(), 1000, "",
                    image.created()));
        }
        return found;
    }

    @Override
    public synchronized void tag(String image, String reference) {
        call("tag", reference);
        images.values().forEach(i -> i.tags().remove(reference));
        resolve(image).orElseThrow(() -> new HostUnavailableException("no such image: " + image, null))
                .tags().add(reference);
    }

    @Override
    public synchronized void removeImage(String reference) {
        call("removeImage", reference);
        resolve(reference).ifPresent(i -> images.remove(i.id()));
    }

    @Override
    public synchronized String push(String reference, Optional<RegistryCredentials> credentials) {
        call("push", reference);
        return "sha256:" + hex(reference.hashCode() & 0x7fffffff);
    }

    /**
     * Serves what {@link #served} put in the registry to the user it names, as a new local image tagged with the
     * reference and its digest; fails as {@link #fail} says, with UNAUTHORIZED for another user, else NOT_FOUND.
     */
    @Override
    public synchronized String pull(String reference, Optional<RegistryCredentials> credentials) {
        call("pull", reference);
        Served served = registry.get(reference);
        if (served == null) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "pull " + reference + ": manifest unknown");
        }
        if (credentials.map(RegistryCredentials::username).filter(served.username()::equals).isEmpty()) {
            throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "pull " + reference + ": unauthorized");
        }
        String pinned = ImageReference.parse(reference).withDigest(served.digest());
        images.values().forEach(i -> i.tags().removeAll(List.of(reference, pinned)));
        String id = "sha256:" + hex(++next);
        images.put(id, new Image(id, served.settings(), new ArrayList<>(List.of(reference, pinned)), 1,
                Instant.ofEpochSecond(next), List.of(pinned)));
        return served.digest();
    }

    /** The digest {@link #served} gives the reference, to its user; fails as {@link #pull} does. */
    @Override
    public synchronized String registryDigest(String reference, Optional<RegistryCredentials> credentials) {
        call("digest", reference);
        Served served = registry.get(reference);
        if (served == null) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "digest " + reference + ": manifest unknown");
        }
        if (credentials.map(RegistryCredentials::username).filter(served.username()::equals).isEmpty()) {
            throw new RegistryException(RegistryException.Kind.UNAUTHORIZED, "digest " + reference + ": unauthorized");
        }
        return served.digest();
    }

    private void call(String operation, String argument) {
        calls.add(operation + " " + argument);
        RuntimeException failure = failures.get(operation);
        if (failure != null) {
            throw failure;
        }
    }

    private Optional<Image> resolve(String reference) {
        Image byId = images.get(reference);
        if (byId != null) {
            return Optional.of(byId);
        }
        return images.values().stream().filter(i -> i.tags().contains(reference)).findFirst();
    }

    private static boolean matches(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        if (eq < 0) {
            return labels.containsKey(filter);
        }
        return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    private static String hex(int n) {
        return String.format("%064x", n);
    }
}
