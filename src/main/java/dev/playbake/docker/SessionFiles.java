package dev.playbake.docker;

import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.FileEntry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

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
        if (files.stream().mapToLong(file -> file.content().length).sum() > SCRIPT_LIMIT) {
            return Optional.empty();
        }
        StringJoiner script = new StringJoiner("\n");
        for (FileEntry file : files) {
            Optional<String> content = text(file.content());
            if (content.isEmpty()) {
                return Optional.empty();
            }
            script.add(writing(file, content.get()));
        }
        String text = script.toString();
        return text.getBytes(StandardCharsets.UTF_8).length > SCRIPT_LIMIT ? Optional.empty()
                : Optional.of(ExecRequest.shell(text));
    }

    /** The line that writes one file, failing the script when it cannot. */
    private static String writing(FileEntry file, String content) {
        String path = ShellSession.quote(file.path());
        String parent = ShellSession.quote(file.path().substring(0, Math.max(1, file.path().lastIndexOf('/'))));
        int mode = file.mode() & 07777;
        // a new file gets exactly the permission bits a umask can leave; chmod, a process, only for the others
        boolean byUmask = (mode & ~0666) == 0;
        // the archive endpoint creates missing parents 0755 whatever the container's umask, or the last file's, is
        return "umask 022 && { test -d " + parent + " || mkdir -p -- " + parent + "; }"
                + " && { test ! -e " + path + " && test ! -h " + path + " || rm -f -- " + path + "; }"
                + " && umask " + String.format("%03o", byUmask ? ~mode & 0777 : 0077)
                + " && printf '%s' " + ShellSession.quote(content) + " >" + path
                + (byUmask ? "" : " && chmod " + String.format("%04o", mode) + ' ' + path)
                + " || exit 1";
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

    /** The bytes as text when they are UTF-8 without NUL: what a single-quoted shell word holds unchanged. */
    static Optional<String> text(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
