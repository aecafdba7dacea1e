package dev.playbake.operator.cluster;

import dev.playbake.operator.reconcile.BuildEvents;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Writes core/v1 Events on ImageBuilds, as {@code kubectl describe} shows them. */
public final class KubernetesBuildEvents implements BuildEvents {

    private static final Logger LOG = Logger.getLogger(KubernetesBuildEvents.class);
    private static final String COMPONENT = "playbake-operator";

    private final KubernetesClient client;

    public KubernetesBuildEvents(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void record(EventTarget target, boolean warning, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(target.name() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
                .withNamespace(target.namespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("playbake.dev/v1alpha1").withKind("ImageBuild")
                .withNamespace(target.namespace()).withName(target.name()).withUid(target.uid())
                .endInvolvedObject()
                .withType(warning ? "Warning" : "Normal")
                .withReason(reason)
                .withMessage(message.length() > 1000 ? message.substring(0, 1000) + "..." : message)
                .withNewSource(COMPONENT, null)
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(target.namespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // events are a courtesy: the status carries the same facts, so a refused event must not fail a build
            LOG.warnf("could not record event %s on %s/%s: %s", reason, target.namespace(), target.name(), e.getMessage());
        }
    }
}
