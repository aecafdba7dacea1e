package dev.playbake.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What to build: the base image, the playbook and its inputs, and where the result goes. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "has(self.playbook) != has(self.playbookFrom)",
        message = "set exactly one of playbook and playbookFrom")
public class ImageBuildSpec {

    @Required
    @Pattern(Patterns.IMAGE_REFERENCE)
    @JsonPropertyDescription("Image to start from, e.g. debian:bookworm-slim.")
    public String baseImage;

    @Required
    @JsonPropertyDescription("Where the built image goes.")
    public OutputSpec output;

    @JsonPropertyDescription("A kubernetes.io/dockerconfigjson Secret with credentials for pulling the base image.")
    public LocalObjectRef pullSecretRef;

    @JsonPropertyDescription("The playbook (a YAML list of plays), embedded. Set this or playbookFrom.")
    public String playbook;

    @JsonPropertyDescription("Reads the playbook from a ConfigMap key. Set this or playbook.")
    public PlaybookFrom playbookFrom;

    @JsonPropertyDescription("Files the playbook reads (copy and template sources, task files, roles) by path"
            + " relative to the playbook, e.g. roles/web/tasks/main.yml.")
    public Map<String, String> files = new LinkedHashMap<>();

    @JsonPropertyDescription("ConfigMaps whose keys are added to files; a key may hold a path"
            + " (roles/web/tasks/main.yml) or use the ConfigMap-safe form roles__web__tasks__main.yml.")
    public List<FilesFrom> filesFrom = new ArrayList<>();

    @JsonPropertyDescription("Extra vars: the highest-precedence variables of the playbook. Values may be any YAML.")
    public Map<String, JsonNode> vars = new LinkedHashMap<>();

    @JsonPropertyDescription("Secrets whose keys become extra vars; their values are masked in everything the"
            + " operator writes and never stored in an image, a label or the cache.")
    public List<SecretVarsFrom> secretVars = new ArrayList<>();

    @JsonPropertyDescription("Image configuration of the result; anything unset keeps the base image's value.")
    public ImageConfigSpec config;

    @JsonPropertyDescription("Layer cache settings.")
    public CacheSpec cache;

    @Pattern(Patterns.DURATION)
    @JsonPropertyDescription("The longest a build may take, e.g. 30m or 1h30m; default 30m.")
    public String timeout;

    @JsonPropertyDescription("Retries of transient failures (Docker host or registry unreachable).")
    public RetrySpec retry;

    @JsonPropertyDescription("Rebuilds an unchanged spec: when its token changes, or when the base image's digest moves.")
    public RebuildSpec rebuild;

    @JsonPropertyDescription("What service tasks that ask for a running state (state: started, stopped, restarted,"
            + " reloaded; systemd daemon_reload) do, since a build container runs no init: Record (default) starts"
            + " nothing, reports the status Ansible reports and says so in the task's msg; Strict fails such a task."
            + " Enabling services works either way.")
    public ServiceState serviceState;

    @JsonPropertyDescription("Deprecated, the default now: true is serviceState: Record.")
    // a Boolean, absent unless set, so that specs written before serviceState keep their inputs hash
    public Boolean ignoreServiceState;

    @JsonPropertyDescription("Runs only the tasks with one of these tags, as ansible-playbook's --tags (always runs"
            + " unless skipped by name; never only when named; tagged and untagged select by having tags).")
    public List<String> onlyTags = new ArrayList<>();

    @JsonPropertyDescription("Skips the tasks with one of these tags, as ansible-playbook's --skip-tags.")
    public List<String> skipTags = new ArrayList<>();

    @JsonPropertyDescription("Set to Canceled to stop a running build and not start another; remove it to build again.")
    public BuildState state;

    @JsonPropertyDescription("Memory, CPU and process limits of the build container; unset ones take the operator's"
            + " defaults, and none may be above its maximums.")
    public BuildResources resources;

    @JsonPropertyDescription("The build container's network: Bridge, the Docker host's bridge network, or None,"
            + " loopback only; unset, the operator's default (Bridge unless configured). The operator may allow"
            + " only some.")
    public Network network;

    @JsonPropertyDescription("Environment variables lookup('env') sees in operator builds (and HOME, what ~ expands"
            + " to); the operator's own environment is never visible.")
    public Map<String, String> controllerEnv = new LinkedHashMap<>();

    /** What service tasks' running-state requests do in a build. */
    public enum ServiceState {
        @JsonProperty("Record") RECORD,
        @JsonProperty("Strict") STRICT
    }

    /** The networks a build container may have. */
    public enum Network {
        @JsonProperty("Bridge") BRIDGE,
        @JsonProperty("None") NONE
    }
}
