package dev.playbake.api.v1alpha1;

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
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reason", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "Image", type = STRING, jsonPath = ".status.latestImage")
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public class ImageBuild extends CustomResource<ImageBuildSpec, ImageBuildStatus> implements Namespaced {

    /** {@code namespace/name}: the owner label of this resource's build containers. */
    public String owner() {
        return getMetadata().getNamespace() + "/" + getMetadata().getName();
    }
}
