package dev.playbake.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.playbake.connection.Connection;
import dev.playbake.connection.ConnectionException;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import dev.playbake.connection.FileWriteException;
import dev.playbake.connection.OutputWatcher;
import dev.playbake.connection.Watch;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs commands in one container, through one long-lived shell ({@link ShellSession}) where the container has one
 * and else with a {@code docker exec} each; moves text files through that shell when it runs as root
 * ({@link SessionFiles}) and other files with tar archives. A watcher ({@link #watch}) gets a running command's
 * lines: a session command's from its spool files once it has run a while, a docker exec's as its frames come.
 */
public final class DockerExecConnection implements Connection {

    private final DockerCalls calls;
    /** Where the looks at a running command's spool files go: a host that leaves them unanswered only ends them. */
    private final DockerCalls looks;
    private final String containerId;
    private final AtomicLong execs = new AtomicLong();
    private final WatchSlot watchers = new WatchSlot();
    private ShellSession shell;
    private boolean withoutShell;

    DockerExecConnection(DockerCalls calls, DockerCalls looks, String containerId) {
        this.calls = calls;
        this.looks = looks;
        this.containerId = containerId;
    }

    public String containerId() {
        return containerId;
    }

    /** Where the stdin bytes travel: docker-java's hijacked stream never closes the exec's stdin, so a reader would wait for ever. */
    private static final String STDIN_VARIABLE = "PLAYBAKE_STDIN";
    private static final int STDIN_LIMIT = 100 * 1024;
    /**
     * Prints "quiescent" when the only processes are the keeper ({@link DockerHost#KEEP_ALIVE}: PID 1 and its
     * sleep), the session's shell and this script; with builtins only, so it starts no process to count.
     */
    private static final ExecRequest QUIESCENCE = ExecRequest.shell("for p in /proc/[0-9]*; do n=${p#/proc/}; "
            + "case $n in 1|$$|$PPID) continue;; esac; read -r _ c _ pp _ <\"$p/stat\" 2>/dev/null || continue; "
            + "test \"$c $pp\" = '(sleep) 1' && continue; echo busy; exit 0; done; echo quiescent");

    @Override
    public ExecResult exec(ExecRequest request) {
        execs.incrementAndGet();
        String text = new String(request.stdin(), StandardCharsets.UTF_8);
        if (request.stdin().length > STDIN_LIMIT || text.indexOf('\0') >= 0) {
            throw new ConnectionException("stdin for " + request.argv().get(0) + " must be text of at most 100 KiB");
        }
        if (ShellSession.accepts(request)) {
            Optional<ShellSession> session = shell();
            if (session.isPresent()) {
                return session.get().run(request, request.argv().get(0), watchers.active());
            }
        }
        return throughDockerExec(request);
    }

    /** The container's shell session, opened on first use and again after it was lost; empty when it has none. */
    private synchronized Optional<ShellSession> shell() {
        if (withoutShell) {
            return Optional.empty();
        }
        if (shell != null && shell.usable()) {
            return Optional.of(shell);
        }
        if (shell != null) {
            shell.close();
        }
        try {
            shell = ShellSession.open(calls, containerId, this::readSpool).orElse(null);
        } catch (NotFoundException e) {
            throw new ConnectionException("container " + shortId() + " is gone", e);
        }
        withoutShell = shell == null;
        return Optional.ofNullable(shell);
    }

    /**
     * One command as its own {@code docker exec}: for another user, or a container without a usable shell. Its
     * frames come as it writes them, so a watcher gets its lines within half a second.
     */
    ExecResult throughDockerExec(ExecRequest request) {
        List<String> argv = request.argv();
        Map<String, String> env = new LinkedHashMap<>(request.env());
        if (request.stdin().length > 0) {
            String text = new String(request.stdin(), StandardCharsets.UTF_8);
            // the shell feeds the text and closes the pipe, which gives the command its end of input
            env.put(STDIN_VARIABLE, text);
            List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
                    "printf '%s' \"$" + STDIN_VARIABLE + "\" | { unset " + STDIN_VARIABLE + "; exec \"$@\"; }", "sh"));
            wrapped.addAll(argv);
            argv = wrapped;
        }
        ExecOutput output = new ExecOutput(watchers.active());
        String execId = dockerExec(calls, argv, env, request.user(), request.workdir(), output);
        Long exitCode;
        try {
            exitCode = calls.control("exec inspect", s -> s.client().inspectExecCmd(execId).exec()).getExitCodeLong();
        } catch (NotFoundException e) {
            throw new ConnectionException("container " + shortId() + " is gone", e);
        }
        if (exitCode == null) {
            throw new ConnectionException("exec of " + request.argv().get(0) + " in container "
                    + shortId() + " ended without an exit code");
        }
        return new ExecResult(exitCode.intValue(), new String(output.out(), StandardCharsets.UTF_8),
                new String(output.err(), StandardCharsets.UTF_8));
    }

    /**
     * What a session command's spool files hold past the offsets, read by a {@code docker exec} of its own while
     * the session's shell runs the command: {@code tail -c +N} of the first file on stdout, of the second on stderr.
     */
    private SpoolTail.Spooled readSpool(String out, long outFrom, String err, long errFrom) {
        ExecOutput output = new ExecOutput(Optional.empty());
        // the whole look within one response timeout: a look the host does not answer ends, the build goes on
        looks.control("a look at a running command's output", s -> dockerExec(looks, List.of("/bin/sh", "-c",
                READ_SPOOL, "sh", String.valueOf(outFrom + 1), out, String.valueOf(errFrom + 1), err), Map.of(), "", "",
                output));
        return new SpoolTail.Spooled(output.out(), output.err());
    }

    private static final String READ_SPOOL =
            "tail -c +\"$1\" \"$2\" 2>/dev/null; tail -c +\"$3\" \"$4\" >&2 2>/dev/null; exit 0";

    /**
     * Creates and starts one {@code docker exec}, hands its frames to {@code output} as they come and its lines to
     * the watcher (on this thread) every {@link ShellSession#LOOK_EVERY} while it runs; the exec's ID once it ended.
     */
    private String dockerExec(DockerCalls via, List<String> argv, Map<String, String> env, String user,
                              String workdir, ExecOutput output) {
        try {
            String execId = via.control("exec create", s -> {
                ExecCreateCmd create = s.client().execCreateCmd(containerId)
                        .withCmd(argv.toArray(String[]::new))
                        .withAttachStdout(true)
                        .withAttachStderr(true)
                        .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
                if (!user.isEmpty()) {
                    create.withUser(user);
                }
                if (!workdir.isEmpty()) {
                    create.withWorkingDir(workdir);
                }
                return create.exec().getId();
            });
            boolean completed = via.stream(s -> {
                CountDownLatch ended = new CountDownLatch(1);
                ResultCallback.Adapter<Frame> callback = s.client().execStartCmd(execId)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                switch (frame.getStreamType()) {
                                    case STDERR -> output.frame(true, frame.getPayload());
                                    case STDOUT, RAW -> output.frame(false, frame.getPayload());
                                    default -> { }
                                }
                            }

                            @Override
                            public void close() throws IOException {
                                // every way the stream ends (complete, error, abort) closes the callback
                                try {
                                    super.close();
                                } finally {
                                    ended.countDown();
                                }
                            }
                        });
                try {
                    while (!ended.await(ShellSession.LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                        output.deliver();
                    }
                    output.deliver();
                    // returns at once now, throwing what ended the stream if it failed
                    callback.awaitCompletion();
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            if (!completed) {
                throw new ConnectionException("exec in container " + shortId() + " was interrupted");
            }
            return execId;
        } catch (NotFoundException e) {
            throw new ConnectionException("container " + shortId() + " is gone", e);
        }
    }

    @Override
    public void put(List<FileEntry> files) {
        if (files.isEmpty()) {
            return;
        }
        Optional<ExecRequest> script = SessionFiles.write(files);
        Optional<ShellSession> session = script.isPresent() ? rootShell() : Optional.empty();
        if (session.isPresent()) {
            ExecResult written = session.get().run(script.get(), "a file write", Optional.empty());
            if (written.exitCode() != 0) {
                throw new FileWriteException(refused(files, written.stderr().strip()));
            }
            return;
        }
        putArchive(files);
    }

    private static String refused(List<FileEntry> files, String why) {
        return "could not write " + files.get(0).path() + (files.size() > 1 ? " and " + (files.size() - 1) + " more"
                : "") + ": " + why;
    }

    /** The files as one tar through the daemon's archive endpoint. */
    void putArchive(List<FileEntry> files) {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (FileEntry file : files) {
                TarArchiveEntry entry = new TarArchiveEntry(file.path().substring(1));
                entry.setSize(file.content().length);
                entry.setMode(0100000 | file.mode());
                out.putArchiveEntry(entry);
                out.write(file.content());
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new ConnectionException("could not pack files for container " + shortId(), e);
        }
        try {
            calls.stream(s -> {
                s.client().copyArchiveToContainerCmd(containerId)
                        .withRemotePath("/")
                        .withTarInputStream(new ByteArrayInputStream(tar.toByteArray()))
                        .exec();
                return null;
            });
        } catch (NotFoundException e) {
            throw new ConnectionException("container " + shortId() + " is gone", e);
        } catch (DockerException e) {
            // the daemon answered, refusing the files (a read-only or full file system): the task's failure
            throw new FileWriteException(refused(files, DockerHost.rootMessage(e)));
        }
    }

    @Override
    public Optional<byte[]> fetch(String path) {
        Optional<ShellSession> session = rootShell();
        if (session.isPresent()) {
            ShellSession.Raw read = session.get().runRaw(SessionFiles.read(path), "a file read", Optional.empty());
            if (read.exitCode() == 0) {
                return Optional.of(read.stdout());
            }
            if (read.exitCode() == SessionFiles.NOT_A_FILE) {
                return Optional.empty();
            }
        }
        return fetchArchive(path);
    }

    /** The session as root, which reads and writes files as the daemon's archive endpoint does; empty otherwise. */
    private Optional<ShellSession> rootShell() {
        return shell().filter(ShellSession::root);
    }

    /** One file as a tar from the daemon's archive endpoint. */
    Optional<byte[]> fetchArchive(String path) {
        return calls.stream(s -> {
            try (InputStream archive = s.client().copyArchiveFromContainerCmd(containerId, path).exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
                TarArchiveEntry entry = tar.getNextEntry();
                if (entry == null || !entry.isFile()) {
                    return Optional.empty();
                }
                return Optional.of(tar.readAllBytes());
            } catch (NotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new ConnectionException("could not read " + path + " from container " + shortId(), e);
            }
        });
    }

    @Override
    public boolean quiescent() {
        try {
            Optional<ShellSession> session = shell();
            ExecResult processes = session.isPresent() ? session.get().run(QUIESCENCE, "a process listing", Optional.empty())
                    : throughDockerExec(QUIESCENCE);
            return processes.exitCode() == 0 && processes.stdout().equals("quiescent\n");
        } catch (ConnectionException e) {
            return false;
        }
    }

    @Override
    public long execCount() {
        return execs.get();
    }

    @Override
    public Watch watch(OutputWatcher watcher) {
        return watchers.install(watcher);
    }

    private String shortId() {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
