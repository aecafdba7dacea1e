package dev.playbake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine of its own on this machine, for tests of a pool of Docker hosts: a second dockerd with its own
 * data root, exec root (and so its own containerd), socket, containerd namespace and bridge, no iptables rules (its
 * containers reach nothing beyond the bridge), the dev-env's test images loaded into it. Stopping it is what a lost
 * host looks like; {@link #close} stops it and removes its data and its bridge.
 *
 * <p>The bridge is made here because {@code --bridge=none} is no option: a dockerd started so deletes the host's
 * {@code docker0}, which the dev-env's own engine needs (seen: every later container start there failed).
 */
public final class ExtraDockerEngine implements AutoCloseable {

    private static final String DOCKERD = "/usr/sbin/dockerd";
    private static final String DOCKER = "/usr/bin/docker";

    private final Path dir;
    private final String name;
    private final String bridge;
    private Process process;

    private ExtraDockerEngine(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.bridge = "pb" + Integer.toHexString(name.hashCode() & 0xfffffff);
    }

    /**
     * Starts one under {@code parent} (a short path: the socket's path must fit in 108 bytes) and loads the given
     * images from the dev-env's engine.
     */
    public static ExtraDockerEngine start(Path parent, String name, List<String> images) {
        ExtraDockerEngine engine = new ExtraDockerEngine(parent.resolve(name), name);
        engine.start();
        images.forEach(engine::load);
        return engine;
    }

    /** {@code unix://…} of its socket, as playbake.operator.hosts.NAME.uri takes it. */
    public String uri() {
        return "unix://" + dir.resolve("docker.sock");
    }

    public String name() {
        return name;
    }

    /** Starts it (again, with the data it had): the host is back. */
    public synchronized void start() {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("daemon.json"), "{}");
            createBridge();
            process = new ProcessBuilder(DOCKERD, "--config-file", dir.resolve("daemon.json").toString(),
                    "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString(),
                    "--pidfile", dir.resolve("docker.pid").toString(), "-H", uri(),
                    "--bridge=" + bridge, "--iptables=false", "--ip-masq=false", "--ip-forward=false",
                    "--containerd-namespace", "playbake-" + name, "--containerd-plugins-namespace",
                    "playbake-" + name + "-plugins")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log")
                            .toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("dockerd " + name + " did not answer within 60 s; see "
                        + dir.resolve("dockerd.log"));
            }
            sleep(200);
        }
    }

    /** Stops its dockerd (SIGTERM: it stops its containers and unmounts), as a host taken away does. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies an image of the dev-env's engine into this one. */
    public void load(String image) {
        run("sh", "-c", DOCKER + " save '" + image + "' | " + DOCKER + " -H '" + uri() + "' load -q");
    }

    @Override
    public void close() {
        stop();
        run("rm", "-rf", dir.toString());
        run("sh", "-c", "ip link show " + bridge + " >/dev/null 2>&1 && ip link delete " + bridge + " || true");
    }

    /** Its own bridge, on the first free 172.31.N.0/24 (N from 100): no route of the machine's is touched. */
    private void createBridge() {
        if (succeeds("ip", "link", "show", bridge)) {
            return;
        }
        for (int n = 100; n < 200; n++) {
            if (!succeeds("sh", "-c", "ip -4 addr show | grep -q ' 172\\.31\\." + n + "\\.'")) {
                run("ip", "link", "add", "name", bridge, "type", "bridge");
                run("ip", "addr", "add", "172.31." + n + ".1/24", "dev", bridge);
                run("ip", "link", "set", bridge, "up");
                return;
            }
        }
        throw new IllegalStateException("no free 172.31.N.0/24 for the bridge of dockerd " + name);
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean answers() {
        return succeeds(DOCKER, "-H", uri(), "version", "--format", "{{.Server.Version}}");
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
