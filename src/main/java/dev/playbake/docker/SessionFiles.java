package dev.playbake.docker;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.FileEntry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Files moved through the build container's shell session instead of the Engine API's archive endpoint, which
 * starts a helper process in the daemon for every call (about 40 ms against a few for a session command). Only text
 * travels this way, since the frame is shell text, and at most one argument's worth; whatever does not fit is left
 * to the archive endpoint, which gives the same result: the file replaced, not written through, its parents created
 * 0755, owned by root.
 */
final class SessionFiles {

    /**
     * The longest script a write may be: it runs as {@code /bin/sh -c SCRIPT}, one argument of an execve, which
     * Linux caps at 128 KiB (MAX_ARG_STRLEN); a longer one moves as one tar through the daemon.
     */
    static final int SCRIPT_LIMIT = 120 * 1024;
    /** The largest file read through the session, whose output is spooled in the container's /dev/shm first. */
    static final long READ_LIMIT = 8L * 1024 * 1024;
    /** The exit code of a read whose path is no regular file (absent, a link, a directory, a device). */
    static final int NOT_A_FILE = 3;

    private SessionFiles() {
    }

    /** The script that writes these files, or empty when one of them is not text the frame can carry. */
    static Optional<ExecRequest> write(List<FileEntry> files) {
        long total = files.stream().mapToLong(file -> file.content().length).sum();
        if (total > SCRIPT_LIMIT || !files.stream().allMatch(file -> isText(file.content()))) {
            return Optional.empty();
        }
        StringBuilder script = new StringBuilder();
        for (FileEntry file : files) {
            String path = ShellSession.quote(file.path());
            String parent = file.path().substring(0, Math.max(1, file.path().lastIndexOf('/')));
            int mode = file.mode() & 07777;
            // a new file gets exactly the permission bits a umask can leave; chmod, a process, only for the others
            boolean byUmask = (mode & ~0666) == 0;
            // the archive endpoint creates missing parents 0755 whatever the container's umask, or the last file's, is
            script.append(script.isEmpty() ? "" : "\n").append("umask 022 && { test -d ")
                    .append(ShellSession.quote(parent)).append(" || mkdir -p -- ").append(ShellSession.quote(parent)).append("; } && { test ! -e ").append(path).append(" && test ! -h ")
                    .append(path).append(" || rm -f -- ").append(path).append("; } && umask ")
                    .append(String.format("%03o", byUmask ? ~mode & 0777 : 0077)).append(" && printf '%s' ")
                    .append(ShellSession.quote(new String(file.content(), StandardCharsets.UTF_8))).append(" >").append(path);
            if (!byUmask) {
                script.append(" && chmod ").append(String.format("%04o", mode)).append(' ').append(path);
            }
            script.append(" || exit 1");
        }
        String text = script.toString();
        return text.getBytes(StandardCharsets.UTF_8).length > SCRIPT_LIMIT ? Optional.empty()
                : Optional.of(ExecRequest.shell(text));
    }

    /**
     * The command that prints one regular file: exit {@link #NOT_A_FILE} when there is none (the archive endpoint
     * gives a link itself, not what it points to), another non-zero exit when the session should not read it.
     */
    static ExecRequest read(String path) {
        String quoted = ShellSession.quote(path);
        return ExecRequest.shell("test -f " + quoted + " && test ! -h " + quoted + " || exit " + NOT_A_FILE
                + "; test \"$(wc -c <" + quoted + ")\" -le " + READ_LIMIT + " || exit 4; exec cat -- " + quoted);
    }

    /** Whether the bytes are UTF-8 without NUL: what a single-quoted shell word holds unchanged. */
    static boolean isText(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
