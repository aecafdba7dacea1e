package dev.playbake.operator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator as a user installs it: scripts/operator-demo starts a real one-node cluster (kubelet, containerd,
 * kube-proxy), imports the operator image, installs it with helm or with deploy/'s manifests, reaches dockerd over
 * TCP with TLS client certificates, builds the example ImageBuild, and runs the pushed image as a Deployment the
 * kubelet pulls with an image pull Secret; reads the build's log with {@code playbake logs} through the API server's
 * aggregation layer, as a ServiceAccount that may get the ImageBuild and one that may not; the cluster is gone
 * afterwards.
 */
class ClusterE2EIT {

    @ParameterizedTest
    @ValueSource(strings = {"helm", "deploy"})
    void theOperatorPodBuildsAnImageThatRunsInTheCluster(String install) throws Exception {
        String greeting = "Hello from " + install + " " + UUID.randomUUID().toString().substring(0, 8);
        Path log = Files.createTempFile("operator-demo-" + install, ".log");
        Process demo = new ProcessBuilder("scripts/operator-demo", "--no-dev-env", "--install", install,
                "--greeting", greeting).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = demo.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            demo.destroy();
            demo.waitFor(2, TimeUnit.MINUTES);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the demo did not end within 15 minutes:\n" + output);
        assertEquals(0, demo.exitValue(), output);
        assertTrue(output.contains("operator Ready"), output);
        assertTrue(output.contains("the Deployment answers: " + greeting), output);
        assertTrue(output.matches("(?s).*  \\| build 1 \\(hello-[0-9a-f]{8}\\) of default/hello on docker-1.*"
                + "  \\| #\\d+ changed .*  \\| pushed .*  \\| ended after .*"), "playbake logs hello:\n" + output);
        assertTrue(output.matches("(?s).*viewer: the same \\d+ lines.*"), output);
        assertTrue(output.contains("stranger: refused (playbake logs: user \"system:serviceaccount:default:stranger\""
                + " cannot read the build logs of ImageBuild default/hello"), output);
        assertTrue(output.matches("(?s).*hello\\s+Succeeded\\s+3/3\\s+\\S+@sha256:[0-9a-f]{64}\\s+\\S+\\s+True\\s+"
                + "Succeeded\\s+\\S+\\s.*"), "kubectl get imagebuilds -o wide: phase, progress, digest, age, Ready, reason, "
                + "duration:\n" + output);
        assertEquals("not started", run("scripts/kube-node", "status").strip(), "the demo stops its cluster");
        assertEquals(1, exitOf("ip", "link", "show", "kproto0"), "the node's bridge is removed");
        Files.delete(log);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(1, TimeUnit.MINUTES);
        return out;
    }

    private static int exitOf(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor(1, TimeUnit.MINUTES);
        return process.exitValue();
    }
}
