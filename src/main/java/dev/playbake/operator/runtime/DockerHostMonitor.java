package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Pings every configured Docker host in the background, each on its own thread, every interval and with the
 * interval as its timeout, and keeps what it found: health checks, the scheduler and cleanup read this state
 * and never wait on a host themselves.
 */
public final class DockerHostMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DockerHostMonitor.class);

    private final Map<String, String> uris;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, HostHealth> state = new ConcurrentHashMap<>();
    private final Instant started;
    private final List<Consumer<String>> recovered = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    /**
     * What the last ping of one host found.
     *
     * @param up      whether it answered
     * @param detail  its engine version, or why it is down
     * @param checked when the ping ended
     */
    public record HostHealth(boolean up, String detail, Instant checked) {
    }

    /** @param uris Docker host URIs by name */
    public DockerHostMonitor(Map<String, String> uris, Duration interval, Clock clock) {
        this.uris = Map.copyOf(uris);
        this.interval = interval;
        this.clock = clock;
        this.started = clock.instant();
        uris.forEach((name, uri) -> {
            Thread thread = new Thread(() -> watch(name, uri), "playbake-docker-health-" + name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Runs {@code listener} with a host's name, on the monitor's thread, each time a host that was down answers
     * again (a build lost on it may have left its container there).
     */
    public void whenRecovered(Consumer<String> listener) {
        recovered.add(listener);
    }

    /** The names of the hosts it watches, sorted. */
    public SortedSet<String> hosts() {
        return new TreeSet<>(uris.keySet());
    }

    /** Each host's last health; a host not pinged yet is missing. */
    public Map<String, HostHealth> health() {
        return Map.copyOf(state);
    }

    /** Whether the last ping of this host failed (a host not pinged yet is not known to be down). */
    public boolean isDown(String host) {
        return Optional.ofNullable(state.get(host)).map(h -> !h.up()).orElse(false);
    }

    /**
     * Whether every host was pinged lately: a ping ends within its timeout, so an older state means the monitor
     * itself stopped (the operator is no longer able to tell its hosts' state and should be restarted).
     */
    public boolean isCurrent() {
        Instant limit = clock.instant().minus(interval.multipliedBy(4));
        if (started.isAfter(limit)) {
            return true;
        }
        return uris.keySet().stream().allMatch(h -> Optional.ofNullable(state.get(h))
                .map(s -> s.checked().isAfter(limit)).orElse(false));
    }

    private void watch(String name, String uri) {
        while (running) {
            HostHealth health = ping(uri);
            HostHealth before = state.put(name, health);
            if (before == null || before.up() != health.up()) {
                LOG.infof("Docker host %s is %s: %s", name, health.up() ? "up" : "down", health.detail());
            }
            if (before != null && !before.up() && health.up()) {
                recovered.forEach(listener -> listener.accept(name));
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private HostHealth ping(String uri) {
        try (DockerHost docker = DockerHost.connect(uri, interval)) {
            return new HostHealth(true, "engine " + docker.engineVersion(), clock.instant());
        } catch (RuntimeException e) {
            return new HostHealth(false, String.valueOf(e.getMessage()), clock.instant());
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
