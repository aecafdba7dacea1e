package dev.playbake.imagebuild;

import dev.playbake.connection.ExecRequest;
import dev.playbake.docker.DockerHost;
import dev.playbake.testing.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long builds and the layer limit. A commit of one container is one layer however many snapshots it
 * takes, so layers stack only when a build resumes from a snapshot; past the limit the build squashes.
 */
class LongBuildIT {

    private DockerHost docker;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void connect() {
        docker = DockerHost.connect(TestEnvironment.get().dockerHost());
    }

    @AfterEach
    void clean() {
        Collections.reverse(created);
        created.forEach(docker::removeImage);
        docker.close();
    }

    private static String playbook(int tasks, String lastContent) {
        StringBuilder playbook = new StringBuilder("- hosts: all\n  gather_facts: false\n  tasks:\n"
                + "    - name: the directory\n      file: {path: /opt/many, state: directory}\n");
        for (int i = 0; i < tasks; i++) {
            String content = i == tasks - 1 ? lastContent : String.valueOf(i);
            playbook.append("    - name: file ").append(i).append("\n      copy: {dest: /opt/many/f").append(i)
                    .append(", content: \"").append(content).append("\\n\"}\n");
        }
        return playbook.toString();
    }

    private BuildResult.Succeeded succeed(ImageBuilder builder, TestBuild build, RecordingListener listener) {
        BuildResult result = build.run(builder, listener);
        created.addAll(listener.snapshots);
        BuildResult.Succeeded ok = assertInstanceOf(BuildResult.Succeeded.class, result, result::toString);
        created.add(ok.imageId());
        return ok;
    }

    @Test
    void twoHundredTasksBuildAndRebuildFromTheCache() {
        TestBuild build = new TestBuild(playbook(200, "199"));
        build.snapshots = BuildRequest.SnapshotPolicy.AUTO;
        ImageBuilder builder = new ImageBuilder(docker, TestBuild.KEY, Map.of());
        BuildResult.Succeeded ok = succeed(builder, build, new RecordingListener());
        assertTrue(docker.layerCount(ok.imageId()) < 125, "layers: " + docker.layerCount(ok.imageId()));
        assertEquals("200\n0\n199\n", read(ok.imageId(), "ls /opt/many | wc -l; cat /opt/many/f0 /opt/many/f199"));

        RecordingListener again = new RecordingListener();
        assertEquals(ok.imageId(), succeed(builder, build, again).imageId());
        assertEquals(201, again.count(TaskReport.Status.CACHED));
    }

    @Test
    void resumingPastTheLayerLimitSquashes() {
        ImageBuilder builder = new ImageBuilder(docker, TestBuild.KEY, Map.of(), 4);
        TestBuild build = new TestBuild(playbook(2, "1"));
        int baseLayers = docker.layerCount(build.base);
        boolean squashed = false;
        String image = "";
        // each build appends a task, so it resumes from the previous build's last snapshot: one more layer each time
        for (int tasks = 2; tasks < 8 && !squashed; tasks++) {
            build.playbook = playbook(tasks, String.valueOf(tasks - 1));
            RecordingListener listener = new RecordingListener();
            image = succeed(builder, build, listener).imageId();
            squashed = listener.lines.stream().anyMatch(l -> l.contains("squashed"));
        }
        assertTrue(squashed, "a build resumed past the limit squashed");
        assertTrue(docker.layerCount(image) <= baseLayers + 4, "layers: " + docker.layerCount(image));
        assertEquals("0\n1\n", read(image, "cat /opt/many/f0 /opt/many/f1"));
    }

    private String read(String image, String script) {
        String id = docker.startContainer(image, Map.of("playbake.dev/build", "verify", "playbake.dev/owner", TestBuild.OWNER));
        try {
            return docker.connection(id).exec(ExecRequest.shell(script)).stdout();
        } finally {
            docker.removeContainer(id);
        }
    }
}
