package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.cache.Labels;
import dev.playbake.operator.reconcile.ContainerCleaner;
import dev.playbake.runtime.ContainerRuntime;
import dev.playbake.runtime.ContainerSummary;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Removes this operator's build containers on every configured Docker host, found by their labels; containers
 * of other operators, of the CLI and of anything else on a shared host are never touched. Each host gets a
 * bounded time: a host that is gone must never keep a finalizer (and so a namespace deletion) waiting.
 */
public final class DockerContainerCleaner implements ContainerCleaner {

    private static final Logger LOG = Logger.getLogger(DockerContainerCleaner.class);

    private final Map<String, String> hostUris;
    private final OperatorInstance instance;
    private final Duration timeout;
    private final Duration responseTimeout;
    private final Predicate<String> hostDown;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "playbake-cleanup");
        thread.setDaemon(true);
        return thread;
    });

    /** @param hostUris Docker host URIs by name */
    public DockerContainerCleaner(Map<String, String> hostUris, OperatorInstance instance, Duration timeout) {
        this(hostUris, instance, timeout, DockerHost.DEFAULT_RESPONSE_TIMEOUT, host -> false);
    }

    /**
     * @param wait            how long a caller waits for one host; a removal still running then goes on in the
     *                        background, itself bounded by the response timeout of each call
     * @param responseTimeout how long each call to a host waits for an answer
     * @param hostDown        whether a host is known not to answer: its containers are left to the next sweep
     */
    public DockerContainerCleaner(Map<String, String> hostUris, OperatorInstance instance, Duration wait,
                                  Duration responseTimeout, Predicate<String> hostDown) {
        this.hostUris = Map.copyOf(hostUris);
        this.instance = instance;
        this.timeout = wait;
        this.responseTimeout = responseTimeout;
        this.hostDown = hostDown;
    }

    @Override
    public int removeContainersOf(String owner) {
        return remove("of " + owner, labels -> owner.equals(OperatorInstance.owner(labels)));
    }

    @Override
    public int removeLeftovers(Predicate<String> running) {
        return remove("left over", labels -> !running.test(labels.getOrDefault(Labels.BUILD, "")));
    }

    private int remove(String what, Predicate<Map<String, String>> wanted) {
        Predicate<ContainerSummary> which = container -> instance.owns(container.labels())
                && wanted.test(container.labels());
        int removed = 0;
        for (Map.Entry<String, String> host : hostUris.entrySet()) {
            if (hostDown.test(host.getKey())) {
                LOG.warnf("Docker host %s does not answer; the containers %s stay until the next start", host.getKey(),
                        what);
                continue;
            }
            CompletableFuture<Integer> removal = CompletableFuture.supplyAsync(() -> {
                try (DockerHost docker = DockerHost.connect(host.getValue(), responseTimeout)) {
                    return removeOn(docker, which);
                }
            }, executor);
            try {
                removed += removal.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // not canceled: each of its calls ends within the response timeout, and it may still succeed
                LOG.warnf("Docker host %s did not answer within %s; removing the containers %s goes on in the "
                        + "background (else they stay until the next start)", host.getKey(), timeout, what);
            } catch (ExecutionException e) {
                LOG.warnf("could not remove the containers %s on Docker host %s: %s", what, host.getKey(),
                        e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return removed;
            }
        }
        return removed;
    }

    /** Removes this operator's containers that {@code which} picks on one runtime; returns how many. */
    private int removeOn(ContainerRuntime runtime, Predicate<ContainerSummary> which) {
        List<ContainerSummary> containers = runtime.containersLabelled(OperatorInstance.LABEL + "=" + instance.name())
                .stream().filter(which).toList();
        containers.forEach(c -> runtime.removeContainer(c.id()));
        return containers.size();
    }
}
