package dev.playbake.cli;

import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.ImageConfig;
import dev.playbake.imagebuild.PlaybookSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageOptionsTest {

    @Test
    void everyFlagBecomesTheSettingItsManifestFieldWould() {
        ImageFlags flags = flags("--cmd", "[\"nginx\",\"-g\",\"daemon off;\"]", "--entrypoint", "/docker-entrypoint.sh",
                "--env", "A=1", "--env", "B=x=y", "--env", "EMPTY=", "--label", "org.opencontainers.image.source=https://x",
                "--user", "www-data:www-data", "--workdir", "/srv", "--expose", "80", "--expose", "53/udp",
                "--volume", "/data", "--volume", "/cache", "--snapshots", "every");

        assertEquals(new ImageConfig(List.of("nginx", "-g", "daemon off;"),
                List.of("/bin/sh", "-c", "/docker-entrypoint.sh"), Map.of("A", "1", "B", "x=y", "EMPTY", ""),
                Optional.of("/srv"), Optional.of("www-data:www-data"), List.of("80", "53/udp"),
                List.of("/data", "/cache")), flags.config());
        assertEquals(Map.of("org.opencontainers.image.source", "https://x"), flags.labels());
        assertEquals(Optional.of(BuildRequest.CacheMode.ENABLED), flags.cache());
        assertEquals(Optional.of(BuildRequest.SnapshotPolicy.EVERY_CHANGE), flags.snapshots());
    }

    @Test
    void noFlagsChangeNothing() {
        ImageFlags flags = flags();
        assertEquals(ImageConfig.inherit(), flags.config());
        assertEquals(Optional.empty(), flags.cache());
        BuildRequest request = request();
        assertEquals(request, flags.over(request));
    }

    @Test
    void snapshotsNoneIsTheManifestsDisabledCache() {
        assertEquals(Optional.of(BuildRequest.CacheMode.DISABLED), flags("--snapshots", "none").cache());
        assertEquals(Optional.of(BuildRequest.SnapshotPolicy.AUTO), flags("--snapshots", "auto").snapshots());
    }

    @Test
    void flagsWinOverTheManifestAndAddToWhatItCollects() {
        BuildRequest manifest = request().toBuilder()
                .config(new ImageConfig(List.of("/bin/web"), List.of(), Map.of("A", "manifest", "M", "m"),
                        Optional.of("/app"), Optional.of("app"), List.of("8080/tcp"), List.of("/data")))
                .labels(Map.of("team", "web", "tier", "front"))
                .cache(BuildRequest.CacheMode.DISABLED)
                .snapshots(BuildRequest.SnapshotPolicy.EVERY_CHANGE)
                .build();

        BuildRequest request = flags("--entrypoint", "[\"tini\",\"--\"]", "--env", "A=flag", "--user", "1000:1000",
                "--expose", "9090", "--volume", "/data", "--label", "tier=back", "--snapshots", "auto").over(manifest);

        // the manifest's cmd stays beside the flag's entrypoint, as a Dockerfile's CMD does beside its ENTRYPOINT
        assertEquals(new ImageConfig(List.of("/bin/web"), List.of("tini", "--"), Map.of("A", "flag", "M", "m"),
                Optional.of("/app"), Optional.of("1000:1000"), List.of("8080/tcp", "9090"), List.of("/data")),
                request.config());
        assertEquals(Map.of("team", "web", "tier", "back"), request.labels());
        // --snapshots stands for the whole of spec.cache: asking for snapshots turns the cache on
        assertEquals(BuildRequest.CacheMode.ENABLED, request.cache());
        assertEquals(BuildRequest.SnapshotPolicy.AUTO, request.snapshots());
    }

    @Test
    void aBadValueIsRefusedNamingItsFlag() {
        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(List.of("--env", "A"), "--env A: expected KEY=VALUE"),
                Map.entry(List.of("--env", "=1"),
                        "--env =1: '' is not an environment variable name (not empty, no '=', no spaces)"),
                Map.entry(List.of("--env", "MY VAR=1"),
                        "--env MY VAR=1: 'MY VAR' is not an environment variable name (not empty, no '=', no spaces)"),
                Map.entry(List.of("--label", "team"), "--label team: expected KEY=VALUE"),
                Map.entry(List.of("--label", "=web"), "--label =web: '' is not a label key (it is empty)"),
                Map.entry(List.of("--expose", "http"), "--expose http: not a port: give PORT or PORT/PROTOCOL, PORT"
                        + " from 1 to 65535 and PROTOCOL tcp (the default), udp or sctp"),
                Map.entry(List.of("--expose", "0"), "--expose 0: not a port: give PORT or PORT/PROTOCOL, PORT"
                        + " from 1 to 65535 and PROTOCOL tcp (the default), udp or sctp"),
                Map.entry(List.of("--expose", "8000-8010"), "--expose 8000-8010: not a port: give PORT or"
                        + " PORT/PROTOCOL, PORT from 1 to 65535 and PROTOCOL tcp (the default), udp or sctp"),
                Map.entry(List.of("--expose", "80/http"), "--expose 80/http: not a port: give PORT or PORT/PROTOCOL,"
                        + " PORT from 1 to 65535 and PROTOCOL tcp (the default), udp or sctp"),
                Map.entry(List.of("--workdir", "srv"), "--workdir srv: not an absolute path (it must start with /)"),
                Map.entry(List.of("--volume", "./data"),
                        "--volume ./data: not an absolute path (it must start with /)"),
                Map.entry(List.of("--user", ""),
                        "--user : not a user: give USER or USER:GROUP, names or ids, without spaces"),
                Map.entry(List.of("--user", "a:b:c"),
                        "--user a:b:c: not a user: give USER or USER:GROUP, names or ids, without spaces"),
                Map.entry(List.of("--snapshots", "always"), "--snapshots always: give auto, every or none"),
                Map.entry(List.of("--cmd", "[]"),
                        "--cmd []: an empty command cannot be set; without --cmd the image keeps the base image's"));
        cases.forEach((args, message) -> assertEquals(message,
                assertThrows(BadInputException.class, () -> flags(args.toArray(String[]::new))).getMessage()));
    }

    @Test
    void noCacheContradictsAskingForSnapshots(@TempDir Path dir) throws IOException {
        Path playbook = Files.writeString(dir.resolve("playbook.yml"), "- hosts: all\n  tasks: []\n");
        BuildCommand command = new BuildCommand();
        new CommandLine(command).parseArgs(playbook.toString(), "--base", "debian:bookworm", "-t", "web:1",
                "--no-cache", "--snapshots", "every");
        assertEquals("--no-cache and --snapshots every contradict each other; give one (--snapshots none is --no-cache)",
                assertThrows(BadInputException.class, command::request).getMessage());
    }

    private static ImageFlags flags(String... args) {
        BuildCommand command = new BuildCommand();
        String[] all = new String[args.length + 1];
        all[0] = "playbook.yml";
        System.arraycopy(args, 0, all, 1, args.length);
        new CommandLine(command).parseArgs(all);
        return command.image.flags();
    }

    private static BuildRequest request() {
        return BuildRequest.builder("b-1", "cli", new PlaybookSource("playbook.yml", "- hosts: all\n", Map.of()),
                "debian:bookworm").tags(List.of("web:1")).build();
    }
}
