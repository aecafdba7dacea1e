package dev.playbake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code ansible-playbook}, run against a container over community.docker's connection: the
 * reference that playbake's behaviour is compared with.
 */
public final class ReferenceAnsible {

    /** One task's outcome as Ansible reports it. */
    public record TaskStatus(String task, String status) {
    }

    /** What a run reported: its exit code, each task's status in order, and the raw JSON. */
    public record Run(int exitCode, List<TaskStatus> tasks, JsonNode json) {
    }

    private ReferenceAnsible() {
    }

    /** Runs the playbook in {@code dir} (file {@code playbook}) against the container. */
    public static Run run(Path dir, String playbook, String containerId) throws IOException, InterruptedException {
        return run(dir, playbook, containerId, List.of());
    }

    /** Runs the playbook with more {@code ansible-playbook} options ({@code --tags web}, say). */
    public static Run run(Path dir, String playbook, String containerId, List<String> options)
            throws IOException, InterruptedException {
        Path inventory = dir.resolve("inventory.ini");
        Files.writeString(inventory, "target ansible_connection=community.docker.docker ansible_host="
                + containerId + " ansible_python_interpreter=/usr/bin/python3\n");
        List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(), playbook));
        command.addAll(options);
        ProcessBuilder process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = process.environment();
        env.put("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.json");
        env.put("ANSIBLE_HOST_KEY_CHECKING", "false");
        env.put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        env.put("ANSIBLE_NOCOLOR", "1");
        // one docker exec per task instead of four or five: the corpus runs ~40% faster, same results
        env.put("ANSIBLE_PIPELINING", "true");
        // the engine's own client: /usr/local/bin/docker on these machines is another one
        env.put("PATH", "/usr/bin:" + env.getOrDefault("PATH", ""));
        Process started = process.start();
        byte[] stdout = started.getInputStream().readAllBytes();
        if (!started.waitFor(10, TimeUnit.MINUTES)) {
            started.destroyForcibly();
            throw new IllegalStateException("ansible-playbook did not finish in 10 minutes");
        }
        String out = new String(stdout, StandardCharsets.UTF_8);
        // pause writes "Pausing for N seconds" to the terminal, before the callback's JSON
        int start = out.startsWith("{") ? 0 : out.indexOf("\n{") + 1;
        JsonNode json = new ObjectMapper().readTree(out.substring(start));
        return new Run(started.exitValue(), statuses(json), json);
    }

    private static List<TaskStatus> statuses(JsonNode json) {
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode play : json.path("plays")) {
            for (JsonNode task : play.path("tasks")) {
                String name = task.path("task").path("name").asText();
                Map<String, JsonNode> hosts = new LinkedHashMap<>();
                task.path("hosts").fields().forEachRemaining(e -> hosts.put(e.getKey(), e.getValue()));
                for (JsonNode result : hosts.values()) {
                    tasks.add(new TaskStatus(name, status(result)));
                }
            }
        }
        return tasks;
    }

    private static String status(JsonNode result) {
        if (result.path("failed").asBoolean(false)) {
            return "failed";
        }
        if (result.path("skipped").asBoolean(false)) {
            return "skipped";
        }
        return result.path("changed").asBoolean(false) ? "changed" : "ok";
    }
}
