package dev.playbake.compat;


import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.ConflictException;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.docker.DockerHost;
import dev.playbake.runtime.ContainerSpec;
import dev.playbake.testing.ReferenceAnsible;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The differential test: one playbook run twice by {@code ansible-playbook} in one container and
 * twice by playbake's engine in another, both from the same image, then compared: the task
 * statuses of each run, whether each run failed, and the files each left. A case's {@code tags} file
 * gives both sides the same {@code --tags}/{@code --skip-tags}, its {@code extra-vars.yml} the same extra
 * vars ({@link CaseExtraVars}).
 */
public final class Differential {

    /** inventory_hostname on both sides. */
    static final String HOST = "target";
    /** The containers' host name on both sides. */
    private static final String HOSTNAME = "compat-target";

    /** What differed; empty when playbake behaved exactly as Ansible. */
    public record Report(String name, List<String> problems) {
        public boolean identical() {
            return problems.isEmpty();
        }

        public String text() {
            return name + ": " + problems.size() + " difference(s) from Ansible\n" + String.join("\n", problems);
        }
    }

    private final DockerHost docker;
    private final String image;
    private final ContainerFiles files;
    private final PlaybakeSide playbake;

    public Differential(DockerHost docker, String image) {
        this.docker = docker;
        this.image = image;
        this.files = new ContainerFiles(docker);
        this.playbake = new PlaybakeSide(docker);
    }

    /**
     * Runs {@code playbook.yml} of a case directory on both sides. {@code generated} files (path
     * relative to the case → content) are added to both sides' copy, for values only known at
     * run time such as a test server's address.
     */
    public Report run(Path caseDir, Map<String, String> generated) throws IOException, InterruptedException {
        String name = caseDir.getFileName().toString();
        Path work = Files.createTempDirectory("compat-" + name);
        // playbake's artifact folder; Ansible's fetch writes beside the playbook, in work
        Path fetched = Files.createTempDirectory("compat-" + name + "-fetched");
        String ansibleId = null;
        String playbakeId = null;
        try {
            copy(caseDir, work);
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Path target = work.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            // one host name on both sides: packages write it into files (exim's mailname, a snakeoil certificate)
            ansibleId = docker.startContainer(new ContainerSpec(image, labels(name, "ansible")).withHostname(HOSTNAME));
            playbakeId = docker.startContainer(new ContainerSpec(image, labels(name, "playbake")).withHostname(HOSTNAME));
            ageAptLists(ansibleId);
            ageAptLists(playbakeId);
            List<String> problems = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                compareRound(round, work, fetched, ansibleId, playbakeId, problems);
                if (!problems.isEmpty()) {
                    break;  // a second run over a first that already differs says nothing new
                }
            }
            return new Report(name, problems);
        } finally {
            remove(ansibleId);
            remove(playbakeId);
            delete(work);
            delete(fetched);
        }
    }

    /**
     * Makes the image's (empty) apt lists a day old on both sides, as in any base image not built minutes ago:
     * Ansible's cache_valid_time trusts the folder's time, so on a test image just built by dev-env it would
     * skip the update and find no package, and a case's result would depend on the image's age.
     */
    private void ageAptLists(String containerId) {
        ExecResult result = docker.connection(containerId).exec(ExecRequest.shell(
                "if [ -d /var/lib/apt/lists ]; then touch -d '2000-01-01 00:00:00' /var/lib/apt/lists; fi"));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("could not age the apt lists: " + result.stderr());
        }
    }

    private void compareRound(int round, Path work, Path fetched, String ansibleId, String playbakeId,
                              List<String> problems) throws IOException, InterruptedException {
        String run = "run " + round + ": ";
        CaseTags tags = CaseTags.of(work);
        CaseExtraVars extra = CaseExtraVars.of(work);
        CompletableFuture<PlaybakeSide.Run> ours = CompletableFuture.supplyAsync(
                () -> playbake.run(work, "playbook.yml", playbakeId, tags.selection(), extra.vars(), fetched));
        List<String> options = new ArrayList<>(tags.options());
        options.addAll(extra.options());
        ReferenceAnsible.Run theirs = ReferenceAnsible.run(work, "playbook.yml", ansibleId, options);
        PlaybakeSide.Run own = ours.join();
        List<TaskLine> reference = theirs.tasks().stream().map(t -> new TaskLine(t.task(), t.status())).toList();
        List<String> statuses = StatusComparison.differences(reference, own.tasks());
        if (!statuses.isEmpty()) {
            problems.add(run + "task statuses differ");
            problems.addAll(statuses);
        }
        boolean ansibleFailed = theirs.exitCode() != 0;
        boolean playbakeFailed = !own.failure().isEmpty();
        if (ansibleFailed != playbakeFailed) {
            problems.add(run + (ansibleFailed ? "ansible failed (rc " + theirs.exitCode() + ") but playbake completed"
                    : "playbake failed but ansible completed: " + own.failure()));
        }
        if (!problems.isEmpty()) {
            ansibleMessages(theirs.json()).forEach(m -> problems.add("  ansible: " + m));
            own.log().forEach(m -> problems.add("  playbake: " + m));
        }
        for (String folder : HostFiles.folders(work)) {
            List<String> host = HostFiles.differences(work.resolve(folder), fetched.resolve(folder));
            if (!host.isEmpty()) {
                problems.add(run + "files fetched to " + folder + "/ differ (ansible, playbake)");
                host.forEach(d -> problems.add("  " + d));
            }
        }
        TreeSet<String> changed = new TreeSet<>(files.changedPaths(ansibleId));
        changed.addAll(files.changedPaths(playbakeId));
        changed.removeIf(Ignores::ignored);
        Map<String, FileState> left = FilesystemComparison.byComparedName(files.read(ansibleId, changed));
        Map<String, FileState> right = FilesystemComparison.byComparedName(files.read(playbakeId, changed));
        List<String> filesystem = FilesystemComparison.differences(left, right);
        if (!filesystem.isEmpty()) {
            problems.add(run + "filesystems differ");
            filesystem.forEach(d -> problems.add("  " + d));
            for (String path : left.keySet()) {
                FileState a = left.get(path);
                FileState b = right.get(path);
                if (b != null && a.type().equals("file") && b.type().equals("file") && !a.sha256().equals(b.sha256())
                        && !Ignores.contentIgnored(path)) {
                    problems.add("  " + path + " content:");
                    problems.addAll(ContentDiff.lines(files.content(ansibleId, a.path()), files.content(playbakeId, b.path())));
                }
            }
        }
    }

    /** The message of every failed task in Ansible's JSON, to explain a difference. */
    private static List<String> ansibleMessages(JsonNode json) {
        List<String> messages = new ArrayList<>();
        for (JsonNode play : json.path("plays")) {
            for (JsonNode task : play.path("tasks")) {
                for (JsonNode result : task.path("hosts")) {
                    if (result.path("failed").asBoolean(false)) {
                        messages.add(task.path("task").path("name").asText() + ": " + result.path("msg").asText()
                                + (result.has("stderr") ? " " + result.path("stderr").asText() : ""));
                    }
                }
            }
        }
        return messages;
    }

    private void remove(String containerId) {
        if (containerId == null) {
            return;
        }
        try {
            docker.removeContainer(containerId);
        } catch (ConflictException alreadyBeingRemoved) {
            // the operator's tests sweep every non-CLI build container; the container goes either way
        }
    }

    /**
     * Findable by {@code playbake.dev/build} like every build container, but with no
     * {@code playbake.dev/owner}: the operator's tests sweep every container that has an owner other
     * than {@code cli}, and the cache tests require that no {@code owner=test} container outlives
     * them, so an owner label would have these containers removed, or fail those tests, when both
     * run at once.
     */
    private static Map<String, String> labels(String name, String side) {
        return Map.of("playbake.dev/build", "compat-" + name + "-" + side, "playbake.dev/test", "compat");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
