package dev.playbake.operator.runtime;

import dev.playbake.docker.DockerHost;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.operator.reconcile.BaseImageCheck;
import dev.playbake.operator.reconcile.BaseImageLookup;
import dev.playbake.runtime.HostUnavailableException;
import dev.playbake.runtime.RegistryException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Looks base image digests up through a Docker host, as builds pull them: the registry is reached from where pulls
 * reach it and trusted as they trust it, and the operator's own process opens no connection to it (so the egress
 * policy of module HTTP has nothing to add). The first host by name that is not known down asks; each lookup
 * connects anew, as each build does.
 */
public final class DockerBaseImageLookup implements BaseImageLookup {

    private final Map<String, String> hostUris;
    private final Duration responseTimeout;
    private final Predicate<String> hostDown;

    /**
     * @param hostUris        Docker host URIs by name
     * @param responseTimeout how long the host may take to answer (its own dial of the registry included)
     * @param hostDown        whether a host is known not to answer
     */
    public DockerBaseImageLookup(Map<String, String> hostUris, Duration responseTimeout, Predicate<String> hostDown) {
        this.hostUris = new TreeMap<>(hostUris);
        this.responseTimeout = responseTimeout;
        this.hostDown = hostDown;
    }

    @Override
    public BaseImageCheck lookup(String reference, Optional<RegistryCredentials> credentials) {
        Optional<Map.Entry<String, String>> host = hostUris.entrySet().stream()
                .filter(h -> !hostDown.test(h.getKey())).findFirst();
        if (host.isEmpty()) {
            return new BaseImageCheck.Failed(reference, "digest lookup of " + reference
                    + ": no Docker host answers to ask its registry");
        }
        try (DockerHost docker = DockerHost.connect(host.get().getValue(), responseTimeout)) {
            return new BaseImageCheck.Digest(reference, docker.registryDigest(reference, credentials));
        } catch (RegistryException e) {
            return new BaseImageCheck.Failed(reference, e.getMessage());
        } catch (HostUnavailableException e) {
            return new BaseImageCheck.Failed(reference, "digest lookup of " + reference + ": " + e.getMessage());
        }
    }
}
