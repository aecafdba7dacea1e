package dev.playbake.cli;

import dev.playbake.docker.DockerHost;
import dev.playbake.testing.PackagedCli;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mistakes people make and the faults hosts have, each run through the packaged CLI: the exit code, one line
 * naming what is wrong, and never a Java stack trace, which only {@code --debug} prints.
 */
class CliErrorsIT {

    private static final TestEnvironment ENV = TestEnvironment.get();
    private static final String BASE = ENV.busyboxImage();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static DockerHost docker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws IOException {
        docker = DockerHost.connect(ENV.dockerHost());
        write("ok.yml", tasks("    - name: hello\n      command: /bin/true\n"));
        write("typo.yml", tasks("    - name: write\n      copy: {dest: /etc/app.conf, contents: hello}\n"));
        write("many.yml", "- hosts: all\n  gather_facts: false\n  vars: {app_port: 8080}\n  tasks:\n"
                + "    - name: write\n      copy: {dest: /etc/app.conf, contents: \"port={{ app_port }}\"}\n"
                + "    - name: conf\n      template: {src: app.conf.j2, dest: /etc/app.conf}\n"
                + "    - name: greet\n      debug: {msg: \"on {{ app_prot }}\"}\n");
        write("choice.yml", tasks("    - name: dir\n      file: {path: /srv, state: directroy}\n"));
        write("module.yml", tasks("    - name: write\n      coppy: {dest: /x, content: y}\n"));
        write("yaml.yml", "- hosts: all\n  tasks:\n    - name: x\n      copy: {dest: /x\n");
        write("map.yml", "hosts: all\ntasks: []\n");
        write("vars-file.yml", "- hosts: all\n  gather_facts: false\n  vars_files: [nosuch-vars.yml]\n  tasks:\n"
                + "    - command: /bin/true\n");
        write("fail.yml", tasks("    - name: boom\n      command: /bin/false\n"));
        write("manifests/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\n");
        write("manifests/badspec.yaml", "apiVersion: playbake.dev/v1alpha1\nkind: ImageBuild\nmetadata: {name: x}\n"
                + "spec:\n  baseImage: " + BASE + "\n  output: {image: \"Bad Ref\"}\n  playbook: \"- hosts: all\\n\"\n");
        write("manifests/timeout.yaml", "apiVersion: playbake.dev/v1alpha1\nkind: ImageBuild\nmetadata: {name: x}\n"
                + "spec:\n  baseImage: " + BASE + "\n  output: {image: \"playbake-test/cli-errors-" + RUN + ":timeout\"}\n"
                + "  timeout: 2s\n  playbook: \"- hosts: all\\n  gather_facts: false\\n  tasks:\\n"
                + "    - command: sleep 30\\n\"\n");
        write("secret/build.yaml", "apiVersion: playbake.dev/v1alpha1\nkind: ImageBuild\nmetadata: {name: x}\n"
                + "spec:\n  baseImage: " + BASE + "\n  output: {image: \"x:1\"}\n  playbook: \"- hosts: all\\n\"\n");
        write("secret/regcred.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\nstringData: {a: b}\n");
        String good = base64(ENV.value("registry.username") + ":" + ENV.value("registry.password"));
        write("config-good/config.json", "{\"auths\": {\"" + ENV.registry() + "\": {\"auth\": \"" + good + "\"}}}");
        write("config-wrong/config.json", "{\"auths\": {\"" + ENV.registry() + "\": {\"auth\": \""
                + base64(ENV.value("registry.username") + ":wrong") + "\"}}}");
        write("config-none/config.json", "{}");
    }

    @AfterAll
    static void close() {
        for (String image : List.of(tag("fail") + "-failed", ENV.registry() + "/playbake-test/cli-errors:" + RUN,
                tag("timeout") + "-failed")) {
            try {
                docker.removeImage(image);
            } catch (RuntimeException absent) {
                // a case that failed earlier than expected left no image
            }
        }
        docker.close();
    }

    /** One mistake: the command line, the config it reads, and what it must answer. */
    private record Case(String what, List<String> args, String dockerConfig, int exit, String says) {
    }

    @Test
    void everyMistakeAndHostFaultIsOneLineWithItsExitCodeAndNoStackTrace() throws Exception {
        List<Case> cases = new ArrayList<>();
        String pushed = ENV.registry() + "/playbake-test/cli-errors:" + RUN;
        // the command line
        cases.add(new Case("unknown command", List.of("push", "--help"), "none", 2,
                "playbake: unknown command 'push'. The commands are build, cache, logs, operator"));
        cases.add(new Case("misspelt command", List.of("biuld", file("ok.yml")), "none", 2,
                "Did you mean: playbake build?"));
        cases.add(new Case("unknown flag", build("ok.yml", "--frobnicate"), "none", 2,
                "playbake build: Unknown option: '--frobnicate'"));
        cases.add(new Case("no FILE", List.of("build"), "none", 2, "Missing required parameter: 'FILE|DIR'"));
        cases.add(new Case("no such file", List.of("build", file("nosuch.yml"), "--base", BASE, "-t", "x:1"), "none",
                2, "nosuch.yml: no such file or directory"));
        cases.add(new Case("no base image", List.of("build", file("ok.yml"), "-t", "x:1"), "none", 2,
                "give the base image with --base IMAGE"));
        cases.add(new Case("no tag", List.of("build", file("ok.yml"), "--base", BASE), "none", 2,
                "give the image's name with -t REF"));
        cases.add(new Case("tag with two tags", List.of("build", file("ok.yml"), "--base", BASE, "-t", "hello:1:2"),
                "none", 2, "-t 'hello:1:2' is not an image reference: it has more than one tag"));
        cases.add(new Case("base in upper case", List.of("build", file("ok.yml"), "--base", "Debian:12", "-t", "x:1"),
                "none", 2, "--base 'Debian:12' is not an image reference: the repository name must be lower case"));
        cases.add(new Case("bad progress", List.of("build", file("ok.yml"), "--base", BASE, "-t", "x:1", "--progress",
                "fancy"), "none", 2,
                "--progress must be auto, tty, plain or json, not fancy"));
        cases.add(new Case("missing -e file", build("ok.yml", "-e", "@missing.yml"), "none", 2,
                "-e @missing.yml: no such file"));
        cases.add(new Case("bad -e YAML", build("ok.yml", "-e", "{a: ["), "none", 2, "-e:1: invalid YAML"));
        cases.add(new Case("bad port", build("ok.yml", "--expose", "80/http"), "none", 2,
                "--expose 80/http: not a port"));
        cases.add(new Case("contradicting flags", build("ok.yml", "--no-cache", "--snapshots", "every"), "none", 2,
                "--no-cache and --snapshots every contradict each other"));
        cases.add(new Case("--name on a playbook", build("ok.yml", "--name", "web"), "none", 2,
                "--name chooses among the ImageBuilds of a manifest"));
        cases.add(new Case("bad cache repository", build("ok.yml", "--cache-from", "Bad Repo"), "none", 2,
                "--cache-from 'Bad Repo' is not an image reference: it contains a space"));
        cases.add(new Case("bad prune age", List.of("cache", "prune", "--older-than", "forever"), "none", 2,
                "'forever' is not a duration"));
        cases.add(new Case("missing kubeconfig", List.of("logs", "web", "--kubeconfig", file("nosuch-kubeconfig")),
                "none", 2, "cannot read the kubeconfig " + file("nosuch-kubeconfig") + ": no such file"));
        // the playbook, found before a container starts
        cases.add(new Case("bad YAML", build("yaml.yml"), "none", 2, "yaml.yml:5: invalid YAML"));
        cases.add(new Case("not a playbook", build("map.yml"), "none", 2, "map.yml:1: a playbook must be a list of plays"));
        cases.add(new Case("unknown module", build("module.yml"), "none", 2,
                "module.yml:4: task 'write': the module 'coppy' is not supported by playbake; did you mean 'copy'?"));
        cases.add(new Case("argument typo", build("typo.yml"), "none", 2,
                "typo.yml:4: task 'write': Unsupported parameters for (copy) module: contents (did you mean 'content'?)"));
        cases.add(new Case("bad choice", build("choice.yml"), "none", 2, "choice.yml:4: task 'dir': value of state"
                + " must be one of: absent, directory, file, hard, link, touch, got: directroy"));
        cases.add(new Case("missing src", build("many.yml"), "none", 2, "many.yml:7: task 'conf': could not find src"
                + " 'app.conf.j2' (looked in templates/app.conf.j2, app.conf.j2)"));
        cases.add(new Case("undefined variable", build("many.yml"), "none", 2, "many.yml:9: task 'greet': 'app_prot'"
                + " is undefined (in argument 'msg')"));
        cases.add(new Case("missing vars file", build("vars-file.yml"), "none", 2,
                "vars-file.yml:1: vars file nosuch-vars.yml not found"));
        cases.add(new Case("manifest of another kind", List.of("build", file("manifests/pod.yaml")), "none", 2,
                "pod.yaml:1 (document 1): v1 Pod is not something playbake build reads"));
        cases.add(new Case("bad manifest", List.of("build", file("manifests/badspec.yaml")), "none", 2,
                "spec.output.image: 'Bad Ref' is not an image reference: it contains a space"));
        cases.add(new Case("Secret beside the ImageBuild", List.of("build", file("secret")), "none", 2,
                "regcred.yaml:1 (document 1): Secret regcred is not read"));
        // the hosts: Docker, registries
        cases.add(new Case("Docker host down", build("ok.yml", "--docker-host", "tcp://127.0.0.1:1"), "none", 3,
                "playbake: Docker host tcp://127.0.0.1:1 does not answer: Connect to http://127.0.0.1:1 failed:"
                        + " Connection refused"));
        cases.add(new Case("no Docker socket", build("ok.yml", "--docker-host", "unix://" + file("nosuch.sock")),
                "none", 3, "does not answer: No such file or directory"));
        cases.add(new Case("cache of a Docker host down", List.of("cache", "ls", "--docker-host", "tcp://127.0.0.1:1"),
                "none", 3, "Docker host tcp://127.0.0.1:1 does not answer"));
        cases.add(new Case("missing base image", List.of("build", file("ok.yml"), "--base",
                ENV.registry() + "/playbake-test/nosuch:1", "-t", "x:1"), "good", 2,
                "manifest unknown (is the name and tag right?"));
        cases.add(new Case("registry down", List.of("build", file("ok.yml"), "--base", "127.0.0.1:1/nosuch:1", "-t",
                "x:1"), "none", 3, "the Docker host could not reach registry 127.0.0.1:1"));
        cases.add(new Case("wrong registry password", List.of("build", file("ok.yml"), "--base", BASE, "-t", pushed,
                "--push"), "wrong", 1, "push " + pushed + ": registry " + ENV.registry() + " refused the credentials"));
        cases.add(new Case("no registry credentials", List.of("build", file("ok.yml"), "--base", BASE, "-t", pushed,
                "--push"), "none", 1, "push " + pushed + ": registry " + ENV.registry() + " asks for credentials and"
                + " there are none for it (docker login " + ENV.registry()));
        // the build
        cases.add(new Case("failing task", List.of("build", file("fail.yml"), "--base", BASE, "-t", tag("fail")),
                "none", 1, "fail.yml:4: task 'boom' failed: non-zero return code"));
        cases.add(new Case("timeout", List.of("build", file("manifests/timeout.yaml")), "none", 1,
                "the build took longer than its timeout of 2s"));

        List<String> report = new ArrayList<>();
        for (Case mistake : cases) {
            Run run = playbake(mistake.args(), mistake.dockerConfig());
            String output = run.stdout() + run.stderr();
            assertEquals(mistake.exit(), run.exit(), mistake.what() + ": " + output);
            assertTrue(output.contains(mistake.says()), mistake.what() + ": " + output);
            assertFalse(output.contains("\tat ") || output.contains("Exception"), mistake.what() + ": " + output);
            report.add(mistake.what() + " (exit " + run.exit() + "): " + output.lines()
                    .filter(line -> line.contains(mistake.says().lines().findFirst().orElseThrow()))
                    .findFirst().orElse(""));
        }
        assertTrue(cases.size() >= 30, "cases: " + cases.size());
        report.forEach(System.out::println);
    }

    @Test
    void debugPrintsTheStackTraceBehindTheMessage() throws Exception {
        Run run = playbake(build("ok.yml", "--docker-host", "tcp://127.0.0.1:1", "--debug"), "none");
        assertEquals(3, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("playbake: Docker host tcp://127.0.0.1:1 does not answer"), run.stderr());
        assertTrue(run.stderr().contains("dev.playbake.runtime.HostUnavailableException")
                && run.stderr().contains("\tat dev.playbake.docker.DockerHost.connect"), run.stderr());
    }

    @Test
    void everyProblemOfAPlaybookIsReportedTogetherBeforeAnyContainerIsCreated() throws Exception {
        Instant start = Instant.now();
        Run bad = playbake(build("many.yml"), "none");
        assertEquals(2, bad.exit(), bad.stderr());
        List<String> lines = bad.stderr().lines().filter(line -> line.contains("many.yml:")).toList();
        assertEquals(3, lines.size(), bad.stderr());
        assertTrue(lines.get(0).startsWith("playbake: many.yml:5: task 'write': Unsupported parameters for (copy)"
                + " module: contents (did you mean 'content'?)"), lines.get(0));
        assertEquals("many.yml:7: task 'conf': could not find src 'app.conf.j2' (looked in templates/app.conf.j2,"
                + " app.conf.j2)", lines.get(1));
        assertEquals("many.yml:9: task 'greet': 'app_prot' is undefined (in argument 'msg'): no vars, defaults, vars"
                + " file, set_fact, register, loop or extra var defines it; did you mean 'app_port'?", lines.get(2));
        assertEquals(List.of(), containersCreated(bad.pid(), start));

        // the same way of looking sees the container of a build that starts one
        Instant again = Instant.now();
        Run ok = playbake(List.of("build", file("ok.yml"), "--base", BASE, "-t", tag("ok"), "--no-cache",
                "--progress", "plain"), "none");
        try {
            assertEquals(0, ok.exit(), ok.stderr());
            assertEquals(1, containersCreated(ok.pid(), again).size());
        } finally {
            docker.removeImage(tag("ok"));
        }
    }

    /** The containers the CLI process created since then, from the Docker host's own event log. */
    private static List<String> containersCreated(long pid, Instant since) throws IOException, InterruptedException {
        Process events = new ProcessBuilder("docker", "events", "--since", String.valueOf(since.getEpochSecond() - 1),
                "--until", String.valueOf(Instant.now().getEpochSecond() + 1), "--filter", "type=container",
                "--filter", "event=create", "--filter", "label=playbake.dev/process=" + hostName() + ":" + pid,
                "--format", "{{.ID}}").redirectErrorStream(true).start();
        String out = new String(events.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(events.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, events.exitValue(), out);
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    private record Run(int exit, String stdout, String stderr, long pid) {
    }

    private static Run playbake(List<String> args, String dockerConfig) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(PackagedCli.command());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_CONFIG", dir.resolve("config-" + dockerConfig).toString());
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8), process.pid());
    }

    private static List<String> build(String file, String... flags) {
        List<String> args = new ArrayList<>(List.of("build", file(file), "--base", BASE, "-t", tag("x"),
                "--progress", "plain"));
        args.addAll(List.of(flags));
        return args;
    }

    private static String tag(String what) {
        return "playbake-test/cli-errors-" + RUN + ":" + what;
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static String tasks(String tasks) {
        return "- hosts: all\n  gather_facts: false\n  tasks:\n" + tasks;
    }

    private static void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hostName() throws IOException {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? InetAddress.getLocalHost().getHostName() : name;
    }
}
