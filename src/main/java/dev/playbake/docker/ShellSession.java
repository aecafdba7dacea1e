package dev.playbake.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.playbake.connection.ConnectionException;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.OutputWatcher;
import dev.playbake.runtime.HostUnavailableException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One {@code /bin/sh} per build container, started by a single {@code docker exec -i} and fed one framed command at
 * a time on its stdin. A command then costs one write and one read on an open stream, where a {@code docker exec}
 * costs three API round trips (create, start, inspect) and a process the daemon sets up.
 *
 * <p>Each command runs in a subshell that gives it what {@code docker exec} would: the container's environment
 * (the shell's own PWD, OLDPWD and SHLVL removed) plus the request's, stdin from the request or /dev/null. Its
 * stdout and stderr go to files in /dev/shm (a tmpfs, so never part of a snapshot); the shell then prints a header
 * line with the exit code and both lengths, and exactly that many bytes of each file, so nothing a command prints,
 * nor a process it leaves running, can be taken for the frame.
 *
 * <p>A watched command that runs longer than {@link #FIRST_LOOK} has its files read from outside the session
 * ({@link SpoolTail}) every {@link #LOOK_EVERY} until its header comes, so its lines are seen while it runs.
 */
final class ShellSession {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SPOOL = "/dev/shm/.playbake-";
    /** A shell that does not answer the handshake within this time is not used (the container has none that works). */
    private static final Duration HANDSHAKE = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every this many commands the frame removes the empty spool files the commands before it left. */
    private static final int SWEEP_EVERY = 64;
    /** Most commands end sooner: a look at their files would cost a docker exec each and show nothing new. */
    static final Duration FIRST_LOOK = Duration.ofSeconds(1);
    static final Duration LOOK_EVERY = Duration.ofMillis(500);

    private final Feed stdin;
    private final Output stdout;
    private final DockerCalls.Session transport;
    private final SpoolTail.Reader spool;
    private final String nonce;
    private int sequence;
    private boolean broken;
    private boolean root;

    private ShellSession(Feed stdin, Output stdout, DockerCalls.Session transport, SpoolTail.Reader spool,
                         String nonce) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.transport = transport;
        this.spool = spool;
        this.nonce = nonce;
    }

    /** Whether a session can run this request as docker exec would; another user needs docker exec's own switch. */
    static boolean accepts(ExecRequest request) {
        return request.user().isEmpty()
                && request.env().keySet().stream().allMatch(name -> VARIABLE_NAME.matcher(name).matches());
    }

    /**
     * Starts the shell in the container; empty when the container has no shell that can run the frames (no
     * /bin/sh, no writable /dev/shm, no {@code head -c}), and then docker exec does the work. {@code spool} reads a
     * running command's files for its watcher.
     */
    static Optional<ShellSession> open(DockerCalls calls, String containerId, SpoolTail.Reader spool) {
        String nonce = "playbake-" + HexFormat.of().formatHex(bytes(8));
        String execId = calls.control("exec create", s -> s.client().execCreateCmd(containerId)
                .withCmd("/bin/sh")
                .withAttachStdin(true)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec().getId());
        Feed feed = new Feed();
        Output output = new Output();
        DockerCalls.Session transport = calls.stream(s -> {
            s.client().execStartCmd(execId).withStdIn(feed).exec(output);
            return s;
        });
        ShellSession session = new ShellSession(feed, output, transport, spool, nonce);
        feed.write("if test -d /dev/shm && test -w /dev/shm && head -c 1 /dev/null; then echo '" + nonce
                + " ready' \"$(id -u 2>/dev/null)\"; else echo '" + nonce + " unusable'; fi\n");
        Optional<String> answer = output.line(HANDSHAKE);
        if (answer.filter(line -> line.startsWith(nonce + " ready")).isEmpty()) {
            session.close();
            return Optional.empty();
        }
        session.root = answer.get().equals(nonce + " ready 0");
        return Optional.of(session);
    }

    /** Whether the shell still runs and no command was left half-read. */
    synchronized boolean usable() {
        return !broken && !stdout.ended();
    }

    /** Whether the shell runs as root, so that files it writes are what the daemon's archive endpoint writes. */
    boolean root() {
        return root;
    }

    /**
     * Runs one command, its lines going to {@code watcher} while it runs; a non-zero exit is a result, a shell that
     * ended is a {@link ConnectionException}.
     */
    ExecResult run(ExecRequest request, String label, Optional<OutputWatcher> watcher) {
        Raw raw = runRaw(request, label, watcher);
        return new ExecResult(raw.exitCode(), new String(raw.stdout(), StandardCharsets.UTF_8), raw.stderr());
    }

    /** A command's exit code, its stdout as the bytes it wrote, and its stderr. */
    record Raw(int exitCode, byte[] stdout, String stderr) {
    }

    /** {@link #run}, with stdout as bytes: for reading a file that need not be text. */
    synchronized Raw runRaw(ExecRequest request, String label, Optional<OutputWatcher> watcher) {
        if (!usable()) {
            throw lost(label);
        }
        int number = ++sequence;
        String out = SPOOL + nonce + "-" + number + ".out";
        String err = SPOOL + nonce + "-" + number + ".err";
        String header = nonce + "-" + number;
        stdin.write(frame(request, out, err, header, number % SWEEP_EVERY == 0));
        broken = true;
        Optional<SpoolTail> tail = watcher.map(w -> new SpoolTail(spool, out, err, w));
        String[] fields = header(tail).map(l -> l.split(" ")).orElseThrow(() -> lost(label));
        if (fields.length != 4 || !fields[0].equals(header)) {
            throw new ConnectionException("the shell in the build container answered out of turn while running "
                    + label + ": " + String.join(" ", fields));
        }
        try {
            int exitCode = Integer.parseInt(fields[1]);
            byte[] outBytes = stdout.bytes(Integer.parseInt(fields[2])).orElseThrow(() -> lost(label));
            byte[] errBytes = stdout.bytes(Integer.parseInt(fields[3])).orElseThrow(() -> lost(label));
            broken = false;
            return new Raw(exitCode, outBytes, new String(errBytes, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            throw new ConnectionException("the shell in the build container sent a header that is not one: "
                    + String.join(" ", fields), e);
        }
    }

    /**
     * The running command's header line, once it ended; until then, from {@link #FIRST_LOOK} on, its files are read
     * for the watcher. Empty when the shell ended first or the thread was interrupted.
     */
    private Optional<String> header(Optional<SpoolTail> tail) {
        if (tail.isEmpty()) {
            return stdout.line(Duration.ZERO);
        }
        Duration wait = FIRST_LOOK;
        while (true) {
            Optional<String> line = stdout.line(wait);
            if (line.isPresent() || stdout.closed() || Thread.currentThread().isInterrupted()) {
                return line;
            }
            if (!tail.get().poll()) {
                return stdout.line(Duration.ZERO);
            }
            wait = LOOK_EVERY;
        }
    }

    /** Ends the shell: its stdin closes, and it exits after the command it runs. */
    void close() {
        stdin.close();
        try {
            stdout.close();
        } catch (IOException e) {
            // the stream is already gone
        }
    }

    /** The frame for one command: a subshell with its environment, then the header and both outputs. */
    static String frame(ExecRequest request, String out, String err, String header, boolean sweep) {
        StringBuilder script = new StringBuilder();
        if (request.stdin().length > 0) {
            script.append("printf '%s' ").append(quote(new String(request.stdin(), StandardCharsets.UTF_8))).append(" | ");
        }
        script.append("( ");
        if (!request.workdir().isEmpty()) {
            script.append("cd -- ").append(quote(request.workdir())).append(" || exit 126; ");
        }
        script.append("unset PWD OLDPWD SHLVL; ");
        for (Map.Entry<String, String> variable : request.env().entrySet()) {
            script.append("export ").append(variable.getKey()).append('=').append(quote(variable.getValue())).append("; ");
        }
        script.append("exec");
        for (String word : request.argv()) {
            script.append(' ').append(quote(word));
        }
        script.append(" )");
        if (request.stdin().length == 0) {
            script.append(" </dev/null");
        }
        script.append(" >").append(out).append(" 2>").append(err).append('\n');
        // most commands print nothing: then only builtins run here, where each wc, head or rm is a process
        script.append("__pb_r=$?; __pb_o=0; __pb_e=0; test -s ").append(out).append(" && __pb_o=$(wc -c <").append(out)
                .append(" 2>/dev/null); test -s ").append(err).append(" && __pb_e=$(wc -c <").append(err)
                .append(" 2>/dev/null); printf '%s %d %d %d\\n' ").append(header)
                .append(" \"$__pb_r\" ${__pb_o:-0} ${__pb_e:-0}; if test ${__pb_o:-0} -gt 0 || test ${__pb_e:-0} -gt 0; then")
                .append(" head -c ${__pb_o:-0} ").append(out).append(" 2>/dev/null; head -c ${__pb_e:-0} ").append(err)
                .append(" 2>/dev/null; rm -f ").append(out).append(' ').append(err).append("; fi");
        if (sweep) {
            // the empty spool files left by the commands before, swept in one process every so often
            script.append("; rm -f ").append(out.substring(0, out.lastIndexOf('-') + 1)).append('*');
        }
        script.append('\n');
        return script.toString();
    }

    /** One word for the shell, whatever it holds: single quotes, each quote in it closed, escaped and reopened. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private RuntimeException lost(String label) {
        broken = true;
        close();
        if (Thread.currentThread().isInterrupted()) {
            return new ConnectionException("interrupted while " + label + " ran in the build container");
        }
        Optional<String> aborted = transport.aborted();
        if (aborted.isPresent()) {
            return new HostUnavailableException(aborted.get(), null);
        }
        String said = stdout.diagnostics();
        return new ConnectionException("the shell in the build container ended while running " + label
                + (said.isBlank() ? " (the container was stopped or removed)" : ": " + said.strip()));
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The shell's stdin: what {@link #write} queues, handed to docker-java's copier, which blocks until there is more. */
    private static final class Feed extends InputStream {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private volatile boolean closed;

        void write(String text) {
            if (closed) {
                throw new ConnectionException("the shell in the build container was closed");
            }
            chunks.add(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            closed = true;
            chunks.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == current.length) {
                if (current == END) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                position = 0;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }
    }

    /** The shell's stdout as it arrives, read as header lines and counted bytes; its stderr kept for diagnostics. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private static final int DIAGNOSTICS_LIMIT = 4096;
        private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        private byte[] buffer = new byte[8192];
        private int start;
        private int end;
        private boolean ended;

        @Override
        public void onNext(Frame frame) {
            // docker-java reuses the payload's array for the next frame
            byte[] payload = frame.getPayload().clone();
            synchronized (this) {
                switch (frame.getStreamType()) {
                    case STDOUT, RAW -> append(payload);
                    case STDERR -> {
                        if (diagnostics.size() < DIAGNOSTICS_LIMIT) {
                            diagnostics.write(payload, 0, Math.min(payload.length, DIAGNOSTICS_LIMIT - diagnostics.size()));
                        }
                    }
                    default -> { }
                }
                notifyAll();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            end();
        }

        @Override
        public void onComplete() {
            end();
        }

        private synchronized void end() {
            ended = true;
            notifyAll();
        }

        synchronized boolean ended() {
            return ended && start == end;
        }

        /** Whether the stream ended, whether or not all it brought was read. */
        synchronized boolean closed() {
            return ended;
        }

        synchronized String diagnostics() {
            return diagnostics.toString(StandardCharsets.UTF_8);
        }

        private void append(byte[] payload) {
            if (end + payload.length > buffer.length) {
                int held = end - start;
                byte[] grown = held + payload.length > buffer.length
                        ? new byte[Math.max(buffer.length * 2, held + payload.length)] : buffer;
                System.arraycopy(buffer, start, grown, 0, held);
                buffer = grown;
                start = 0;
                end = held;
            }
            System.arraycopy(payload, 0, buffer, end, payload.length);
            end += payload.length;
        }

        /** The next line without its newline; empty when the stream ended first or {@code limit} (if not zero) passed. */
        synchronized Optional<String> line(Duration limit) {
            long deadline = limit.isZero() ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        String line = new String(buffer, start, i - start, StandardCharsets.UTF_8);
                        start = i + 1;
                        return Optional.of(line);
                    }
                }
                if (ended || !await(deadline)) {
                    return Optional.empty();
                }
            }
        }

        /** Exactly {@code count} bytes; empty when the stream ended first. */
        synchronized Optional<byte[]> bytes(int count) {
            while (end - start < count) {
                if (ended || !await(Long.MAX_VALUE)) {
                    return Optional.empty();
                }
            }
            byte[] bytes = new byte[count];
            System.arraycopy(buffer, start, bytes, 0, count);
            start += count;
            return Optional.of(bytes);
        }

        /** Waits for more output; false when the deadline passed or the thread was interrupted. */
        private boolean await(long deadline) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
