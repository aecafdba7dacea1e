package dev.playbake.operator.runtime;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which operator a build container belongs to. Several operators (and tests, and CLI builds) may share a Docker
 * host: an operator only ever removes containers that carry its own instance label and an ImageBuild owner.
 *
 * @param name    stable across restarts (a restarted operator must find its predecessor's containers), distinct per
 *                deployment, e.g. {@code playbake-system/playbake}
 * @param replica which replica of the deployment started the container (its leader lease identity), or empty:
 *                shown on the container, never used to decide what to remove (a new leader removes the old one's)
 */
public record OperatorInstance(String name, String replica) {

    /** The Docker label on every build container this operator starts. */
    public static final String LABEL = "playbake.dev/operator";
    /** The Docker label naming the replica that started a build container. */
    public static final String REPLICA_LABEL = "playbake.dev/replica";

    private static final String OWNER_LABEL = "playbake.dev/owner";
    /** {@code namespace/name} as Kubernetes allows them; CLI builds say {@code cli}. */
    private static final Pattern IMAGE_BUILD_OWNER =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public OperatorInstance {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the operator instance name must not be empty (playbake.operator.instance)");
        }
    }

    /** A deployment's instance, no replica named. */
    public OperatorInstance(String name) {
        this(name, "");
    }

    /** Labels added to the labels the build pipeline sets on its containers. */
    public Map<String, String> containerLabels() {
        return replica.isEmpty() ? Map.of(LABEL, name) : Map.of(LABEL, name, REPLICA_LABEL, replica);
    }

    /** Whether this operator started the container (given its labels) for some ImageBuild. */
    public boolean owns(Map<String, String> labels) {
        return name.equals(labels.get(LABEL)) && IMAGE_BUILD_OWNER.matcher(owner(labels)).matches();
    }

    /** The container's ImageBuild, {@code namespace/name}. */
    public static String owner(Map<String, String> labels) {
        return labels.getOrDefault(OWNER_LABEL, "");
    }
}
