package dev.playbake.api;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.playbake.api.v1alpha1.CacheSpec;
import dev.playbake.api.v1alpha1.ConfigMapKeyRef;
import dev.playbake.api.v1alpha1.ImageBuild;
import dev.playbake.api.v1alpha1.ImageBuildSpec;
import dev.playbake.api.v1alpha1.ImageConfigSpec;
import dev.playbake.api.v1alpha1.PlaybookFrom;
import dev.playbake.engine.TagSelection;
import dev.playbake.image.RegistryCredentials;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.modules.ServiceStatePolicy;
import dev.playbake.operator.ImageBuilds;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildRequestsTest {

    @Test
    void mapsEveryFieldOfAFullSpec() {
        ImageBuild build = ImageBuilds.imageBuild("web", "127.0.0.1:5000/team/web:1.4");
        build.getSpec().output.additionalTags.add("latest");
        build.getSpec().output.insecure = true;
        build.getSpec().output.labels.put("org.opencontainers.image.source", "https://example.com/web");
        build.getSpec().files.put("templates/motd.j2", "Welcome");
        build.getSpec().vars.put("port", IntNode.valueOf(8080));
        build.getSpec().config = new ImageConfigSpec();
        build.getSpec().config.cmd.add("/bin/web");
        build.getSpec().config.workingDir = "/app";
        build.getSpec().cache = new CacheSpec();
        build.getSpec().cache.mode = CacheSpec.Mode.DISABLED;
        build.getSpec().cache.snapshots = CacheSpec.Snapshots.EVERY_CHANGE;
        build.getSpec().timeout = "1h30m";
        build.getSpec().serviceState = ImageBuildSpec.ServiceState.STRICT;
        build.getSpec().onlyTags.add("config");
        build.getSpec().skipTags.add("slow");
        RegistryCredentials credentials = new RegistryCredentials("127.0.0.1:5000", "u", "p");
        ResolvedInputs inputs = new ResolvedInputs(Optional.empty(),
                Map.of("roles/web/tasks/main.yml", "- debug: {}".getBytes(StandardCharsets.UTF_8)),
                Map.of("token", "s3cret-value"), Map.of("127.0.0.1:5000", credentials));

        BuildRequest request = BuildRequests.from(build, inputs, "b-1", "default/web");

        assertEquals("b-1", request.buildId());
        assertEquals("default/web", request.owner());
        assertEquals("playbake-test/debian:bookworm", request.baseImage());
        assertEquals(List.of("127.0.0.1:5000/team/web:1.4", "127.0.0.1:5000/team/web:latest"), request.tags());
        assertTrue(request.push());
        assertTrue(request.insecure());
        assertEquals(Map.of("who", "world", "port", 8080), request.extraVars());
        assertEquals(Map.of("token", "s3cret-value"), request.secretVars());
        assertEquals(BuildRequests.EMBEDDED_PLAYBOOK, request.playbook().fileName());
        assertEquals(ImageBuilds.PLAYBOOK, request.playbook().content());
        assertArrayEquals("Welcome".getBytes(StandardCharsets.UTF_8), request.playbook().files().get("templates/motd.j2"));
        assertTrue(request.playbook().files().containsKey("roles/web/tasks/main.yml"));
        assertEquals(List.of("/bin/web"), request.config().cmd());
        assertEquals(Optional.of("/app"), request.config().workingDir());
        assertEquals(Map.of("org.opencontainers.image.source", "https://example.com/web"), request.labels());
        assertEquals(BuildRequest.CacheMode.DISABLED, request.cache());
        assertEquals(BuildRequest.SnapshotPolicy.EVERY_CHANGE, request.snapshots());
        assertEquals(Map.of("127.0.0.1:5000", credentials), request.credentials());
        assertEquals(Duration.ofMinutes(90), request.timeout());
        assertEquals(ServiceStatePolicy.STRICT, request.serviceState());
        assertEquals(new TagSelection(Set.of("config"), Set.of("slow")), request.tagSelection());
    }

    @Test
    void usesTheResolvedPlaybookWhenTheSpecReferencesOne() {
        ImageBuild build = ImageBuilds.imageBuild("web", "127.0.0.1:5000/web:1");
        build.getSpec().playbook = null;
        build.getSpec().playbookFrom = new PlaybookFrom();
        build.getSpec().playbookFrom.configMapKeyRef = new ConfigMapKeyRef("web-playbook", "site.yml");
        ResolvedInputs inputs = new ResolvedInputs(Optional.of(new ResolvedInputs.NamedText("site.yml", "- hosts: all")),
                Map.of(), Map.of(), Map.of());

        BuildRequest request = BuildRequests.from(build, inputs, "b-1", "default/web");

        assertEquals("site.yml", request.playbook().fileName());
        assertEquals("- hosts: all", request.playbook().content());
        assertEquals(ServiceStatePolicy.RECORD, request.serviceState(), "recorded unless the spec says Strict");
        assertEquals(TagSelection.ALL, request.tagSelection(), "every task unless the spec selects");
        assertEquals(BuildRequests.DEFAULT_TIMEOUT, request.timeout());
        assertEquals(BuildRequest.CacheMode.ENABLED, request.cache());
    }

    @Test
    void theOlderIgnoreServiceStateIsTheDefaultAndContradictsStrict() {
        ImageBuild build = ImageBuilds.imageBuild("web", "127.0.0.1:5000/web:1");
        build.getSpec().ignoreServiceState = true;
        ResolvedInputs inputs = new ResolvedInputs(Optional.empty(), Map.of(), Map.of(), Map.of());
        assertEquals(ServiceStatePolicy.RECORD, BuildRequests.from(build, inputs, "b-1", "default/web").serviceState());
        build.getSpec().serviceState = ImageBuildSpec.ServiceState.STRICT;
        InvalidSpecException error = assertThrows(InvalidSpecException.class,
                () -> BuildRequests.from(build, inputs, "b-1", "default/web"));
        assertEquals(List.of("spec.ignoreServiceState"), error.problems().stream().map(SpecProblem::field).toList());
    }

    @Test
    void reportsEveryProblemOfAnInvalidSpecAtOnce() {
        ImageBuild build = ImageBuilds.imageBuild("web", "not an image");
        build.getSpec().baseImage = "";
        build.getSpec().timeout = "soon";
        build.getSpec().files.put("../etc/passwd", "x");
        build.getSpec().vars.put("bad-name", IntNode.valueOf(1));
        build.getSpec().vars.put("empty", NullNode.getInstance());
        build.getSpec().playbookFrom = new PlaybookFrom();

        InvalidSpecException error = assertThrows(InvalidSpecException.class,
                () -> BuildRequests.from(build, new ResolvedInputs(Optional.empty(), Map.of(),
                        Map.of("who", "x"), Map.of()), "b-1", "default/web"));

        assertEquals(List.of("spec.files", "spec.playbook", "spec.baseImage", "spec.output.image", "spec.vars",
                        "spec.vars", "spec.secretVars", "spec.timeout"),
                error.problems().stream().map(SpecProblem::field).toList(), error.getMessage());
        assertTrue(error.getMessage().contains("'soon' is not a duration"), error.getMessage());
    }

    @Test
    void anImageConfigurationDockerWouldTakeButNoContainerCouldRunIsInvalid() {
        ImageBuild build = ImageBuilds.imageBuild("web", "127.0.0.1:5000/web:1");
        build.getSpec().config = new ImageConfigSpec();
        build.getSpec().config.env.put("A=B", "c");
        build.getSpec().config.workingDir = "app";
        build.getSpec().config.user = "app user";
        build.getSpec().config.exposedPorts.addAll(List.of("8080/tcp", "53/udp", "80/http", "70000"));
        build.getSpec().config.volumes.addAll(List.of("/data", "cache"));
        build.getSpec().output.labels.put("", "x");

        InvalidSpecException error = assertThrows(InvalidSpecException.class,
                () -> BuildRequests.from(build, ResolvedInputs.none(), "b-1", "default/web"));

        assertEquals(List.of("spec.config.env", "spec.config.workingDir", "spec.config.user",
                        "spec.config.exposedPorts", "spec.config.exposedPorts", "spec.config.volumes",
                        "spec.output.labels"),
                error.problems().stream().map(SpecProblem::field).toList(), error.getMessage());
        assertTrue(error.getMessage().contains("spec.config.exposedPorts: '80/http': not a port: give PORT or"
                + " PORT/PROTOCOL, PORT from 1 to 65535 and PROTOCOL tcp (the default), udp or sctp"), error.getMessage());
        assertTrue(error.getMessage().contains("spec.config.volumes: 'cache': not an absolute path"), error.getMessage());
    }

    @Test
    void anOutputReferenceThatCannotBePushedIsInvalid() {
        List<String> invalid = List.of("https://reg/x:1", "127.0.0.1:5000/Team/Web:1", "127.0.0.1:5000/web:"
                + "t".repeat(200), "127.0.0.1:5000/web@sha256:" + "ab".repeat(32), "127.0.0.1:5000/" + "a".repeat(300)
                + ":1", "127.0.0.1:5000/web:1 ", "-web:1", "reg//web");
        for (String reference : invalid) {
            ImageBuild build = ImageBuilds.imageBuild("web", reference);
            InvalidSpecException error = assertThrows(InvalidSpecException.class,
                    () -> BuildRequests.from(build, ResolvedInputs.none(), "b-1", "default/web"), reference);
            assertEquals(List.of("spec.output.image"), error.problems().stream().map(SpecProblem::field).toList(),
                    reference);
        }
        for (String reference : List.of("127.0.0.1:5000/team/web:1.4", "localhost/a/b", "reg.example.com/a__b-c.d:Latest_1",
                "web", "127.0.0.1:5000/" + "a".repeat(240) + ":" + "t".repeat(128))) {
            assertEquals(reference, BuildRequests.from(ImageBuilds.imageBuild("web", reference), ResolvedInputs.none(),
                    "b-1", "default/web").tags().get(0));
        }
    }

    @Test
    void aSpecWithoutAnyPlaybookIsInvalid() {
        ImageBuild build = ImageBuilds.imageBuild("web", "127.0.0.1:5000/web:1");
        build.getSpec().playbook = null;

        InvalidSpecException error = assertThrows(InvalidSpecException.class,
                () -> BuildRequests.from(build, ResolvedInputs.none(), "b-1", "default/web"));

        assertEquals("spec.playbook: set playbook or playbookFrom", error.getMessage());
    }
}
