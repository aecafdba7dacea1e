package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

/** An image built from an Ansible playbook: the spec says what to build, the status how the last build went. */
@Group("playbake.dev")
@Version("v1alpha1")
@ShortNames("ib")
// kubectl get prints these in this order (the build keeps it: PrinterColumnOrder), priority 1 only with -o wide,
// after Age; Ready says what Phase does, as a condition for tools that read conditions.
@AdditionalPrinterColumn(name = "Phase", type = STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Progress", type = STRING, jsonPath = ".status.progress.summary")
@AdditionalPrinterColumn(name = "Image", type = STRING, jsonPath = ".status.latestImage")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        priority = 1)
@AdditionalPrinterColumn(name = "Reason", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        priority = 1)
@AdditionalPrinterColumn(name = "Duration", type = STRING, jsonPath = ".status.duration", priority = 1)
public class ImageBuild extends CustomResource<ImageBuildSpec, ImageBuildStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("What to build: the base image, the playbook and its inputs, where to push, and how"
            + " (cache, limits, timeout, retries).")
    public ImageBuildSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("How the last build went, written by the operator only: phase, conditions, progress,"
            + " tasks and the pushed digest.")
    public ImageBuildStatus getStatus() {
        return super.getStatus();
    }

    /** {@code namespace/name}: the owner label of this resource's build containers. */
    public String owner() {
        return getMetadata().getNamespace() + "/" + getMetadata().getName();
    }
}
