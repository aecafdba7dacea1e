package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Image configuration of the result; unset fields keep the base image's. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ImageConfigSpec {

    @JsonPropertyDescription("CMD of the image.")
    public List<String> cmd = new ArrayList<>();

    @JsonPropertyDescription("ENTRYPOINT of the image.")
    public List<String> entrypoint = new ArrayList<>();

    @JsonPropertyDescription("Environment variables added to the base image's.")
    public Map<String, String> env = new LinkedHashMap<>();

    @JsonPropertyDescription("Working directory.")
    public String workingDir;

    @JsonPropertyDescription("User (and group) the image runs as, e.g. app or 1000:1000.")
    public String user;

    @JsonPropertyDescription("Exposed ports, e.g. 8080/tcp.")
    public List<String> exposedPorts = new ArrayList<>();

    @JsonPropertyDescription("Volume paths.")
    public List<String> volumes = new ArrayList<>();
}
