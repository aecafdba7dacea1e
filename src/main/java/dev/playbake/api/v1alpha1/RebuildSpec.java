package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Ways to rebuild an unchanged spec: a token to change by hand, and a watch on the base image's digest. */
public class RebuildSpec {

    @JsonPropertyDescription("Any string; changing it starts a new build (e.g. a date, to pick up new base packages).")
    public String token;

    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("How often the operator asks baseImage's registry which digest its tag names now, e.g."
            + " 1h or 10m, with spec.pullSecretRef's credentials; a digest other than the one the last build"
            + " started from starts a build (status.buildReason BaseImageUpdated). At least the operator's"
            + " minimum (1m unless configured); unset, the base image is not watched.")
    // absent unless set: a spec written before this field keeps its inputs hash (InputsHash leaves it out anyway)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String baseImagePollInterval;
}
