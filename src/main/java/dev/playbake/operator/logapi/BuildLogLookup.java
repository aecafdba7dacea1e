package dev.playbake.operator.logapi;

import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import dev.playbake.operator.reconcile.BuildLogs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Optional;

/** Finds the log a request names: of the ImageBuild's current or last build, or of the build it asks for. */
public final class BuildLogLookup {

    private final KubernetesClient client;
    private final BuildLogs logs;

    public BuildLogLookup(KubernetesClient client, BuildLogs logs) {
        this.client = client;
        this.logs = logs;
    }

    /** What a lookup found. */
    public sealed interface Result permits Found, Missing {
    }

    /**
     * The build's log as stored now.
     *
     * @param uid the ImageBuild's UID, to read the log again while it grows
     */
    public record Found(String uid, BuildLogs.Stored log) implements Result {
    }

    /**
     * Nothing to show, and why, as a Kubernetes Status would say it.
     *
     * @param pending whether the log is to come: the ImageBuild has not built yet, or its build's log is not stored
     *                yet (a follower waits for it)
     */
    public record Missing(int code, String reason, String message, boolean pending) implements Result {
    }

    /**
     * @param build a build counter ({@code 3}: its newest attempt) or build ID; empty for the current or last build
     */
    public Result find(String namespace, String name, Optional<String> build) {
        ImageBuild resource;
        try {
            resource = client.resources(ImageBuild.class).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return new Missing(404, "NotFound", "ImageBuild " + namespace + "/" + name
                        + " is in a namespace this operator does not watch", false);
            }
            throw e;
        }
        if (resource == null) {
            return new Missing(404, "NotFound", "no ImageBuild " + name + " in namespace " + namespace, false);
        }
        String uid = resource.getMetadata().getUid();
        ImageBuildStatus status = Optional.ofNullable(resource.getStatus()).orElseGet(ImageBuildStatus::new);
        Optional<String> buildId = build.isEmpty() ? Optional.ofNullable(status.buildId) : buildId(uid, status, build.get());
        if (buildId.isEmpty()) {
            return new Missing(404, "NotFound", build.map(b -> "ImageBuild " + namespace + "/" + name + " has no build "
                    + b + " whose log is kept").orElse("ImageBuild " + namespace + "/" + name + " has not built yet"),
                    build.isEmpty());
        }
        boolean current = buildId.get().equals(status.buildId);
        return logs.read(uid, buildId.get()).<Result>map(stored -> new Found(uid, stored))
                .orElseGet(() -> new Missing(404, "NotFound", "no log of build " + buildId.get() + " of ImageBuild "
                        + namespace + "/" + name + " is kept" + (current ? " yet" : " (only the builds in status.history are)"),
                        current));
    }

    private Optional<String> buildId(String uid, ImageBuildStatus status, String build) {
        if (build.isEmpty() || build.length() > 18 || !build.chars().allMatch(Character::isDigit)) {
            return Optional.of(build);
        }
        long counter = Long.parseLong(build);
        if (status.buildCounter != null && status.buildCounter == counter && status.buildId != null) {
            return Optional.of(status.buildId);
        }
        return logs.list(uid).stream().filter(s -> s.key().counter() == counter).map(s -> s.key().buildId()).findFirst();
    }
}
