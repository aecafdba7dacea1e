package dev.playbake.operator.runtime;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which operator a build container belongs to. Several operators (and tests, and CLI builds) may share a Docker
 * host: an operator only ever removes containers that carry its own instance label and an ImageBuild owner.
 *
 * @param name stable across restarts (a restarted operator must find its predecessor's containers), distinct per
 *             deployment, e.g. {@code playbake-system/playbake}
 */
public record OperatorInstance(String name) {

    /** The Docker label on every build container this operator starts. */
    public static final String LABEL = "playbake.dev/operator";

    private static final String OWNER_LABEL = "playbake.dev/owner";
    /** {@code namespace/name} as Kubernetes allows them; CLI builds say {@code cli}. */
    private static final Pattern IMAGE_BUILD_OWNER =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public OperatorInstance {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the operator instance name must not be empty (playbake.operator.instance)");
        }
    }

    /** Labels added to the labels the build pipeline sets on its containers. */
    public Map<String, String> containerLabels() {
        return Map.of(LABEL, name);
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
