package dev.playbake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker engine of its own on this machine, for tests of a pool of Docker hosts: a second dockerd with its own
 * data root, exec root (and so its own containerd), socket and containerd namespace, no bridge and no iptables
 * rules (its containers run with network None), the dev-env's test images loaded into it. Stopping it is what a
 * lost host looks like; {@link #close} stops it and removes its data.
 */
public final class ExtraDockerEngine implements AutoCloseable {

    private static final String DOCKERD = "/usr/sbin/dockerd";
    private static final String DOCKER = "/usr/bin/docker";

    private final Path dir;
    private final String name;
    private Process process;

    private ExtraDockerEngine(Path dir, String name) {
        this.dir = dir;
        this.name = name;
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
            process = new ProcessBuilder(DOCKERD, "--config-file", dir.resolve("daemon.json").toString(),
                    "--data-root", dir.resolve("data").toString(), "--exec-root", dir.resolve("exec").toString(),
                    "--pidfile", dir.resolve("docker.pid").toString(), "-H", uri(),
                    "--bridge=none", "--iptables=false", "--ip-masq=false",
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
    }

    private boolean answers() {
        try {
            Process ping = new ProcessBuilder(DOCKER, "-H", uri(), "version", "--format", "{{.Server.Version}}")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return ping.waitFor(10, TimeUnit.SECONDS) && ping.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
