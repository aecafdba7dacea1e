package dev.playbake.operator.logapi;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether a user may read an ImageBuild's logs: exactly when the cluster's authorizer lets them get that
 * ImageBuild (a SubjectAccessReview), whatever else they may do.
 */
public final class LogAccess {

    private final KubernetesClient client;

    public LogAccess(KubernetesClient client) {
        this.client = client;
    }

    /** Asks the API server whether {@code user} may get ImageBuild {@code namespace/name}. */
    public boolean mayGet(ApiUser user, String namespace, String name) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(user.name())
                .withGroups(user.groups())
                .withExtra(user.extra())
                .withNewResourceAttributes()
                .withGroup("playbake.dev")
                .withResource("imagebuilds")
                .withVerb("get")
                .withNamespace(namespace)
                .withName(name)
                .endResourceAttributes()
                .endSpec()
                .build();
        SubjectAccessReview answered = client.authorization().v1().subjectAccessReview().create(review);
        return answered.getStatus() != null && Boolean.TRUE.equals(answered.getStatus().getAllowed());
    }
}
