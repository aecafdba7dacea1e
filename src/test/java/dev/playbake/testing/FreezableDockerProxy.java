package dev.playbake.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy on 127.0.0.1 in front of a real Docker socket that a test can freeze: from {@link #freeze()} on it
 * forwards nothing more in either direction and holds every connection open, as a Docker host that hangs
 * mid-build does. New connections are accepted and get no answer either.
 */
public final class FreezableDockerProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Path socket;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean isFrozen;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    private FreezableDockerProxy(ServerSocket server, Path socket) {
        this.server = server;
        this.socket = socket;
        daemon(this::accept, "docker-proxy-accept");
    }

    /** @param dockerUri {@code unix:///var/run/docker.sock} */
    public static FreezableDockerProxy start(String dockerUri) {
        if (!dockerUri.startsWith("unix://")) {
            throw new IllegalArgumentException("the proxy forwards to a unix socket, not " + dockerUri);
        }
        try {
            return new FreezableDockerProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    Path.of(dockerUri.substring("unix://".length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Stops forwarding for good; what is in flight stays unanswered. */
    public void freeze() {
        isFrozen = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                if (isFrozen) {
                    continue;
                }
                SocketChannel docker = SocketChannel.open(StandardProtocolFamily.UNIX);
                docker.connect(UnixDomainSocketAddress.of(socket));
                open.add(docker);
                // the channel's own read and write: Channels' streams share one lock and would block each other
                InputStream fromClient = client.getInputStream();
                OutputStream toClient = client.getOutputStream();
                daemon(() -> pump(fromClient::read, bytes -> write(docker, bytes), docker::shutdownOutput),
                        "docker-proxy-up");
                daemon(() -> pump(buffer -> docker.read(ByteBuffer.wrap(buffer)), bytes -> {
                    toClient.write(bytes);
                    toClient.flush();
                }, client::shutdownOutput), "docker-proxy-down");
            } catch (IOException closed) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Forwards until the source ends, then passes the end on (a finished exec's stream ends so). */
    private void pump(Source from, Sink to, ThrowingRunnable end) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        try {
            int read;
            while ((read = from.read(buffer)) >= 0) {
                if (isFrozen) {
                    closed.await();
                    return;
                }
                to.write(Arrays.copyOf(buffer, read));
            }
            end.run();
        } catch (InterruptedException ended) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Source {
        int read(byte[] buffer) throws IOException;
    }

    private interface Sink {
        void write(byte[] bytes) throws IOException;
    }

    private static void daemon(ThrowingRunnable body, String name) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (IOException ended) {
                // the connection ended
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private interface ThrowingRunnable {
        void run() throws IOException;
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
            for (AutoCloseable connection : open) {
                connection.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
