package dev.playbake.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;

import java.util.EnumSet;
import java.util.Optional;

/**
 * Writes an ImageBuild's status as a JSON Patch (RFC 6902) of what changed since the status it was computed
 * from, so a progress write carries one task, not the whole status. The patch also sets the resourceVersion it
 * was computed against: the API server answers 409 when the stored status moved on, and the diff is made again
 * against what is stored, so a patch never lands on a status it was not computed from.
 */
public final class StatusPatch {

    /** Conflicts tolerated in one write (another writer between our read and our patch) before giving up. */
    static final int ATTEMPTS = 3;
    private static final int CONFLICT = 409;
    /** Plain add, remove and replace, and no copy of a removed value: the smallest patch the API server reads. */
    private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION,
            DiffFlags.OMIT_COPY_OPERATION, DiffFlags.OMIT_VALUE_ON_REMOVE);

    private final KubernetesClient client;
    private final KubernetesSerialization serialization;

    public StatusPatch(KubernetesClient client) {
        this.client = client;
        this.serialization = client.getKubernetesSerialization();
    }

    /** What was written: the stored resource, and the resource whose version the successful patch was made on. */
    public record Written(ImageBuild stored, ImageBuild basis) {
    }

    /**
     * Patches the status of {@code basis} (as it was read, with {@code before} as its status) to {@code desired}.
     *
     * @throws KubernetesClientException when the API server refuses the write, the resource is gone, or the
     *                                   stored version keeps moving on
     */
    public Written write(ImageBuild basis, Optional<ImageBuildStatus> before, ImageBuildStatus desired) {
        ImageBuild current = basis;
        Optional<ImageBuildStatus> stored = before;
        for (int attempt = 1; ; attempt++) {
            String ops = operations(serialization, stored, desired, current.getMetadata().getResourceVersion()).toString();
            try {
                ImageBuild written = client.resources(ImageBuild.class).inNamespace(current.getMetadata().getNamespace())
                        .withName(current.getMetadata().getName()).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON), ops);
                return new Written(written, current);
            } catch (KubernetesClientException e) {
                if (e.getCode() != CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
                current = reread(current, e);
                stored = Optional.ofNullable(current.getStatus());
            }
        }
    }

    /** The stored resource after a conflict; the conflict itself when it is gone or was replaced by another. */
    private ImageBuild reread(ImageBuild resource, KubernetesClientException conflict) {
        ImageBuild fresh = client.resources(ImageBuild.class).inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getName()).get();
        if (fresh == null || !fresh.getMetadata().getUid().equals(resource.getMetadata().getUid())) {
            throw conflict;
        }
        return fresh;
    }

    /**
     * The operations that turn a resource whose status is {@code before} into one whose status is
     * {@code desired}, preceded by the resourceVersion the diff was computed against.
     */
    static ArrayNode operations(KubernetesSerialization serialization, Optional<ImageBuildStatus> before,
                                ImageBuildStatus desired, String resourceVersion) {
        JsonNode diff = JsonDiff.asJson(document(serialization, before), document(serialization, Optional.of(desired)),
                FLAGS);
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        ops.addObject().put("op", "replace").put("path", "/metadata/resourceVersion").put("value", resourceVersion);
        ops.addAll((ArrayNode) diff);
        return ops;
    }

    private static ObjectNode document(KubernetesSerialization serialization, Optional<ImageBuildStatus> status) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        status.ifPresent(s -> document.set("status", serialization.convertValue(s, JsonNode.class)));
        return document;
    }
}
