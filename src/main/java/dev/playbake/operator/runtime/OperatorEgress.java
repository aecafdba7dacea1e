package dev.playbake.operator.runtime;

import dev.playbake.modules.egress.EgressPolicy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The operator's egress policy, from its configuration and its surroundings: the API server (the client's master
 * URL and KUBERNETES_SERVICE_HOST), every address of this machine's interfaces (which covers the operator's own
 * ports, /q/metrics among them) and the Docker hosts reached over TCP are refused besides the policy's defaults.
 */
public final class OperatorEgress {

    private OperatorEgress() {
    }

    /**
     * @param allow       the configured allow list ({@code playbake.operator.egress.allow})
     * @param apiServers  host names or addresses of the Kubernetes API server
     * @param dockerHosts the configured Docker host URIs
     */
    public static EgressPolicy policy(List<String> allow, Collection<String> apiServers, Collection<String> dockerHosts) {
        EgressPolicy.Allowed allowed;
        try {
            allowed = EgressPolicy.Allowed.of(allow);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("playbake.operator.egress.allow: " + e.getMessage(), e);
        }
        List<EgressPolicy.Guarded> guarded = new ArrayList<>();
        apiServers.forEach(host -> resolve(host).forEach(a ->
                guarded.add(new EgressPolicy.Guarded(a, "the Kubernetes API server's address"))));
        ownAddresses().forEach(a -> guarded.add(new EgressPolicy.Guarded(a, "an address of the operator's own machine")));
        for (String uri : dockerHosts) {
            tcpHost(uri).ifPresent(host -> resolve(host).forEach(a ->
                    guarded.add(new EgressPolicy.Guarded(a, "the address of Docker host " + uri))));
        }
        return EgressPolicy.restricted(guarded, allowed, EgressPolicy.Resolver.JVM);
    }

    /** The API server as this process knows it: the client's master URL's host and the in-cluster variable. */
    public static List<String> apiServers(URI masterUrl) {
        List<String> hosts = new ArrayList<>();
        Optional.ofNullable(masterUrl.getHost()).ifPresent(hosts::add);
        Optional.ofNullable(System.getenv("KUBERNETES_SERVICE_HOST")).filter(h -> !h.isBlank()).ifPresent(hosts::add);
        return hosts;
    }

    private static Optional<String> tcpHost(String uri) {
        if (!uri.startsWith("tcp://")) {
            return Optional.empty();
        }
        return Optional.ofNullable(URI.create(uri).getHost());
    }

    /** A name that does not resolve when the operator starts guards no address (the defaults still apply). */
    private static List<InetAddress> resolve(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static List<InetAddress> ownAddresses() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses)
                    .toList();
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list this machine's network interfaces: " + e.getMessage(), e);
        }
    }
}
