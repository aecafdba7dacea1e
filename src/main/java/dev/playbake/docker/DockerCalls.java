package dev.playbake.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.playbake.runtime.HostUnavailableException;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every call to one Docker daemon, bounded: a control call (ping, inspect, create, start, remove, list) that gets
 * no answer within the response timeout, and every call once {@link #abort} is asked, fails with
 * {@link HostUnavailableException} instead of blocking for ever. A read timeout cannot do this: docker-java's unix
 * socket ignores it, and a socket timeout would also end a quiet {@code docker exec} that is doing its job. So a
 * timeout closes the connection pool the call runs on, which fails every read on it, and later calls get a new one.
 */
final class DockerCalls implements AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "playbake-docker-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final String uri;
    private final Duration responseTimeout;
    private final Supplier<Session> connector;
    private final AtomicReference<String> stoppedAnswering = new AtomicReference<>();
    private Session session;
    private boolean closed;

    /** @param connector opens a new client on the daemon (one connection pool) */
    DockerCalls(String uri, Duration responseTimeout, Supplier<Session> connector) {
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("the Docker response timeout must be positive, not " + responseTimeout);
        }
        this.uri = uri;
        this.responseTimeout = responseTimeout;
        this.connector = connector;
    }

    /**
     * Calls on a connection of their own, whose aborts and unanswered calls leave these alone: for what a build can
     * do without, such as looking at a running command's output, so that a host that stops answering such a look
     * fails or times the build out exactly as it would have without it.
     */
    DockerCalls apart() {
        return new DockerCalls(uri, responseTimeout, connector);
    }

    /** A call the daemon answers at once: it fails when no answer came within the response timeout. */
    <T> T control(String what, Function<Session, T> call) {
        Session current = session();
        ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> {
            String why = "Docker host " + uri + " stopped answering: no answer to " + what + " within "
                    + responseTimeout.toMillis() / 1000.0 + "s";
            stoppedAnswering.compareAndSet(null, why);
            abort(current, why);
        }, responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return run(current, call);
        } finally {
            deadline.cancel(false);
        }
    }

    /** A control call with no answer to keep. */
    void command(String what, Consumer<Session> call) {
        control(what, s -> {
            call.accept(s);
            return null;
        });
    }

    /** A call that may rightly take long (exec, pull, push, commit, export): only {@link #abort} ends it early. */
    <T> T stream(Function<Session, T> call) {
        return run(session(), call);
    }

    /** Makes every call in flight fail now (a build was canceled or timed out); later calls open a new client. */
    void abort(String why) {
        Session current;
        synchronized (this) {
            current = session;
        }
        if (current != null) {
            abort(current, why);
        }
    }

    /** Why the daemon was given up on during this object's life, if a control call went unanswered. */
    Optional<String> stoppedAnswering() {
        return Optional.ofNullable(stoppedAnswering.get());
    }

    private <T> T run(Session current, Function<Session, T> call) {
        try {
            return call.apply(current);
        } catch (RuntimeException e) {
            Optional<String> aborted = current.aborted();
            if (aborted.isPresent()) {
                throw new HostUnavailableException(aborted.get(), e);
            }
            throw e;
        }
    }

    private void abort(Session aborted, String why) {
        if (!aborted.abort(why)) {
            return;
        }
        synchronized (this) {
            if (session == aborted) {
                session = null;
            }
        }
        // closing may flush to a silent peer: never on the caller's thread or the watchdog's
        Thread closer = new Thread(aborted::close, "playbake-docker-abort");
        closer.setDaemon(true);
        closer.start();
    }

    private synchronized Session session() {
        if (closed) {
            throw new HostUnavailableException("the connection to Docker host " + uri + " is closed", null);
        }
        if (session == null) {
            session = connector.get();
        }
        return session;
    }

    @Override
    public void close() {
        Session last;
        synchronized (this) {
            closed = true;
            last = session;
            session = null;
        }
        if (last != null) {
            last.close();
        }
    }

    /** One client on the daemon and the HTTP client under it; abort closes both. */
    static final class Session {
        private final DockerClient client;
        private final DockerHttpClient http;
        private final AtomicReference<String> aborted = new AtomicReference<>();

        Session(DockerClient client, DockerHttpClient http) {
            this.client = client;
            this.http = http;
        }

        DockerClient client() {
            return client;
        }

        DockerHttpClient http() {
            return http;
        }

        Optional<String> aborted() {
            return Optional.ofNullable(aborted.get());
        }

        boolean abort(String why) {
            return aborted.compareAndSet(null, why);
        }

        void close() {
            try {
                client.close();
            } catch (IOException | RuntimeException e) {
                // nothing left to release
            }
        }
    }
}
