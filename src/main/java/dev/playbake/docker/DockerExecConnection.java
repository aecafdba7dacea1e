package dev.playbake.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.playbake.connection.Connection;
import dev.playbake.connection.ConnectionException;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.FileEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs commands in one container, through one long-lived shell ({@link ShellSession}) where the container has one
 * and else with a {@code docker exec} each; moves text files through that shell when it runs as root
 * ({@link SessionFiles}) and other files with tar archives.
 */
public final class DockerExecConnection implements Connection {

    private final DockerCalls calls;
    private final String containerId;
    private final AtomicLong execs = new AtomicLong();
    private ShellSession shell;
    private boolean withoutShell;

    DockerExecConnection(DockerCalls calls, String containerId) {
        this.calls = calls;
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
                return session.get().run(request, request.argv().get(0));
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
            shell = ShellSession.open(calls, containerId).orElse(null);
        } catch (NotFoundException e) {
            throw new ConnectionException("container " + shortId() + " is gone", e);
        }
        withoutShell = shell == null;
        return Optional.ofNullable(shell);
    }

    /** One command as its own {@code docker exec}: for another user, or a container without a usable shell. */
    ExecResult throughDockerExec(ExecRequest request) {
        List<String> argv = request.argv();
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(request.env());
        if (request.stdin().length > 0) {
            String text = new String(request.stdin(), StandardCharsets.UTF_8);
            // the shell feeds the text and closes the pipe, which gives the command its end of input
            env.put(STDIN_VARIABLE, text);
            List<String> wrapped = new java.util.ArrayList<>(List.of("/bin/sh", "-c",
                    "printf '%s' \"$" + STDIN_VARIABLE + "\" | { unset " + STDIN_VARIABLE + "; exec \"$@\"; }", "sh"));
            wrapped.addAll(argv);
            argv = wrapped;
        }
        List<String> command = argv;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            String execId = calls.control("exec create", s -> {
                ExecCreateCmd create = s.client().execCreateCmd(containerId)
                        .withCmd(command.toArray(String[]::new))
                        .withAttachStdout(true)
                        .withAttachStderr(true)
                        .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
                if (!request.user().isEmpty()) {
                    create.withUser(request.user());
                }
                if (!request.workdir().isEmpty()) {
                    create.withWorkingDir(request.workdir());
                }
                return create.exec().getId();
            });
            boolean completed = calls.stream(s -> {
                try {
                    s.client().execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            switch (frame.getStreamType()) {
                                case STDERR -> stderr.writeBytes(frame.getPayload());
                                case STDOUT, RAW -> stdout.writeBytes(frame.getPayload());
                                default -> { }
                            }
                        }
                    }).awaitCompletion();
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            if (!completed) {
                throw new ConnectionException("exec in container " + shortId() + " was interrupted");
            }
            Long exitCode = calls.control("exec inspect", s -> s.client().inspectExecCmd(execId).exec())
                    .getExitCodeLong();
            if (exitCode == null) {
                throw new ConnectionException("exec of " + request.argv().get(0) + " in container "
                        + shortId() + " ended without an exit code");
            }
            return new ExecResult(exitCode.intValue(), stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8));
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
            ExecResult written = session.get().run(script.get(), "a file write");
            if (written.exitCode() != 0) {
                throw new ConnectionException("could not write " + files.get(0).path() + (files.size() > 1 ? " and "
                        + (files.size() - 1) + " more" : "") + " in container " + shortId() + ": " + written.stderr().strip());
            }
            return;
        }
        putArchive(files);
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
        }
    }

    @Override
    public Optional<byte[]> fetch(String path) {
        Optional<ShellSession> session = rootShell();
        if (session.isPresent()) {
            ShellSession.Raw read = session.get().runRaw(SessionFiles.read(path), "a file read");
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
            ExecResult processes = session.isPresent() ? session.get().run(QUIESCENCE, "a process listing")
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

    private String shortId() {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
