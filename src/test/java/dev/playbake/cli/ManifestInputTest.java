package dev.playbake.cli;

import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.playbook.PlaybookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code playbake build FILE|DIR} with ConfigMaps and an ImageBuild, as they are kept for GitOps. */
class ManifestInputTest {

    private static final String CONFIG_MAPS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-playbook}
            data:
              site.yml: |
                - hosts: all
                  tasks:
                    - copy: {src: motd.j2, dest: /etc/motd}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web-files}
            data:
              templates__motd.j2: "{{ greeting }}"
            binaryData:
              logo.png: iVBORw0K
            """;

    private static final String IMAGE_BUILD = """
            apiVersion: playbake.dev/v1alpha1
            kind: ImageBuild
            metadata: {name: %s, namespace: web}
            spec:
              baseImage: debian:bookworm
              output: {image: "127.0.0.1:5000/web:1"}
              playbookFrom: {configMapKeyRef: {name: web-playbook, key: site.yml}}
              filesFrom: [{configMapRef: {name: web-files}}]
              config: {cmd: [/bin/web], workingDir: /srv}
            """;

    @TempDir
    Path dir;

    @Test
    void aMultiDocumentFileIsItsConfigMapsAndItsImageBuild() throws IOException {
        Path file = write("web.yaml", CONFIG_MAPS + "---\n" + IMAGE_BUILD.formatted("web") + "---\n");
        write("stray.txt", "not a file of the build: the ConfigMaps are");

        BuildRequest request = request(file.toString(), "--cmd", "exec web", "--snapshots", "every");

        assertEquals("site.yml", request.playbook().fileName());
        assertTrue(request.playbook().content().contains("copy: {src: motd.j2"), request.playbook().content());
        assertEquals(List.of("logo.png", "templates/motd.j2"),
                request.playbook().files().keySet().stream().sorted().toList());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n'}, request.playbook().files().get("logo.png"));
        assertEquals("{{ greeting }}", new String(request.playbook().files().get("templates/motd.j2"), StandardCharsets.UTF_8));
        assertEquals(List.of("127.0.0.1:5000/web:1"), request.tags());
        // the flag wins over spec.config.cmd; the rest of spec.config stands
        assertEquals(List.of("/bin/sh", "-c", "exec web"), request.config().cmd());
        assertEquals(java.util.Optional.of("/srv"), request.config().workingDir());
        assertEquals(BuildRequest.SnapshotPolicy.EVERY_CHANGE, request.snapshots());
    }

    @Test
    void aDirectoryIsItsManifestsAndSkipsTheFilesThatHoldNone() throws IOException {
        write("10-config.yaml", CONFIG_MAPS);
        write("20-build.yml", IMAGE_BUILD.formatted("web"));
        write("vars.yml", "greeting: hello\n");
        write("README.md", "# not YAML\n");
        Files.createDirectories(dir.resolve("old"));
        write("old/other-build.yaml", IMAGE_BUILD.formatted("old"));

        BuildRequest request = request(dir.toString());

        assertEquals("site.yml", request.playbook().fileName());
        assertEquals(List.of("logo.png", "templates/motd.j2"),
                request.playbook().files().keySet().stream().sorted().toList());
    }

    @Test
    void aLoneImageBuildStillReadsItsConfigMapsAsFilesBesideIt() throws IOException {
        Path file = write("imagebuild.yaml", IMAGE_BUILD.formatted("web"));
        write("site.yml", "- hosts: all\n  tasks: []\n");
        write("templates/motd.j2", "hi");

        BuildRequest request = request(file.toString());

        assertEquals("- hosts: all\n  tasks: []\n", request.playbook().content());
        assertTrue(request.playbook().files().containsKey("templates/motd.j2"), request.playbook().files().keySet()::toString);
        assertFalse(request.playbook().files().containsKey("imagebuild.yaml"));
    }

    @Test
    void severalImageBuildsAreNamedAndNameChoosesOne() throws IOException {
        Path file = write("builds.yaml", CONFIG_MAPS + "---\n" + IMAGE_BUILD.formatted("web") + "---\n"
                + IMAGE_BUILD.formatted("api"));

        assertEquals(file + " holds 2 ImageBuilds: web (" + file + ":18 (document 3)), api (" + file
                + ":28 (document 4)); choose one with --name", error(file.toString()));
        assertEquals(file + ": no ImageBuild named db; there are web (" + file + ":18 (document 3)), api (" + file
                + ":28 (document 4))", error(file.toString(), "--name", "db"));
        assertEquals(List.of("127.0.0.1:5000/web:1"), request(file.toString(), "--name", "api").tags());
    }

    @Test
    void secretsAndUnknownKindsAreRefusedAllAtOnce() throws IOException {
        Path file = write("all.yaml", IMAGE_BUILD.formatted("web") + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: regcred}
                stringData: {password: hunter2}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                """);

        assertEquals(file + ":11 (document 2): Secret regcred is not read: a local build takes no secret values from"
                + " files (registry credentials come from ~/.docker/config.json); keep Secrets out of what playbake"
                + " build reads\n" + file + ":16 (document 3): apps/v1 Deployment is not something playbake build reads"
                + " (ImageBuild playbake.dev/v1alpha1 and v1 ConfigMap)", error(file.toString()));
    }

    @Test
    void aMissingConfigMapOrKeyIsNamedWithTheFile() throws IOException {
        Path file = write("web.yaml", CONFIG_MAPS.substring(CONFIG_MAPS.indexOf("---\n") + 4) + "---\n"
                + IMAGE_BUILD.formatted("web"));
        assertEquals(file + ":9 (document 2): spec.playbookFrom names ConfigMap web-playbook, which " + file
                + " does not hold (it holds web-files)", error(file.toString()));

        Path keyless = write("keyless.yaml", CONFIG_MAPS.replace("site.yml: |", "main.yml: |") + "---\n"
                + IMAGE_BUILD.formatted("web"));
        assertEquals(keyless + ":1 (document 1): ConfigMap web-playbook has no key site.yml, which"
                + " spec.playbookFrom of " + keyless + ":18 (document 3) names", error(keyless.toString()));
    }

    @Test
    void aConfigMapGivenTwiceOrADocumentThatIsNoObjectIsAnError() throws IOException {
        Path twice = write("twice.yaml", CONFIG_MAPS + "---\n" + CONFIG_MAPS + "---\n" + IMAGE_BUILD.formatted("web"));
        assertEquals(twice + ":18 (document 3): ConfigMap web-playbook is given twice; the other is at " + twice
                + ":1 (document 1)", error(twice.toString()));

        Path list = write("list.yaml", IMAGE_BUILD.formatted("web") + "---\n- hosts: all\n");
        assertEquals(list + ":11 (document 2): not a Kubernetes object (it has no kind); a manifest holds ImageBuild"
                + " and ConfigMap documents", error(list.toString()));

        Path none = write("none.yaml", CONFIG_MAPS);
        assertEquals(none + ": no ImageBuild (playbake.dev/v1alpha1) to build", error(none.toString()));
    }

    @Test
    void invalidYamlInALaterDocumentCitesItsLine() throws IOException {
        Path file = write("broken.yaml", CONFIG_MAPS + "---\nkind: ImageBuild\nspec: {baseImage: [\n");
        PlaybookException error = assertThrows(PlaybookException.class, () -> request(file.toString()));
        assertTrue(error.getMessage().startsWith("broken.yaml:20: invalid YAML"), error.getMessage());
    }

    @Test
    void nameIsForManifestsAndAnEmptyDirectoryHasNoImageBuild() throws IOException {
        Path playbook = write("playbook.yml", "- hosts: all\n  tasks: []\n");
        assertEquals("--name chooses among the ImageBuilds of a manifest; " + playbook + " is a playbook",
                error(playbook.toString(), "--name", "web", "--base", "debian:bookworm", "-t", "web:1"));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(empty + ": no ImageBuild (playbake.dev/v1alpha1) to build", error(empty.toString()));
        assertEquals(dir.resolve("nosuch.yaml") + ": no such file or directory", error(dir.resolve("nosuch.yaml").toString()));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static BuildRequest request(String... args) {
        BuildCommand command = new BuildCommand();
        List<String> all = new ArrayList<>(List.of(args));
        new CommandLine(command).parseArgs(all.toArray(String[]::new));
        return command.request();
    }

    private static String error(String... args) {
        return assertThrows(BadInputException.class, () -> request(args)).getMessage();
    }
}
