package dev.playbake.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A connection fake for fast unit tests of modules and actions: it records every command and file
 * transfer, answers commands from scripted replies (first matching pattern wins, else exit 0 with no
 * output) and keeps the files it was given in memory so a later {@code fetch} reads them back.
 */
public final class RecordingConnection implements Connection {

    private record Reply(Pattern command, Function<ExecRequest, ExecResult> answer) {
    }

    private final List<Reply> replies = new ArrayList<>();
    private final List<ExecRequest> execs = new ArrayList<>();
    private final List<FileEntry> puts = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private boolean quiescent;

    /** Answers commands whose text (argv joined by spaces) contains a match of {@code regex}. */
    public RecordingConnection reply(String regex, ExecResult result) {
        return reply(regex, request -> result);
    }

    /** Answers matching commands by computing the result from the request. */
    public RecordingConnection reply(String regex, Function<ExecRequest, ExecResult> answer) {
        replies.add(new Reply(Pattern.compile(regex, Pattern.DOTALL), answer));
        return this;
    }

    /** A file the container holds before the test, as {@code fetch} will read it. */
    public RecordingConnection file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        execs.add(request);
        String text = String.join(" ", request.argv());
        for (Reply reply : replies) {
            if (reply.command().matcher(text).find()) {
                return reply.answer().apply(request);
            }
        }
        return new ExecResult(0, "", "");
    }

    @Override
    public void put(List<FileEntry> entries) {
        for (FileEntry entry : entries) {
            puts.add(entry);
            files.put(entry.path(), entry.content());
        }
    }

    @Override
    public Optional<byte[]> fetch(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Makes {@link #quiescent()} answer this. */
    public RecordingConnection quiescent(boolean answer) {
        quiescent = answer;
        return this;
    }

    @Override
    public boolean quiescent() {
        return quiescent;
    }

    @Override
    public long execCount() {
        return execs.size();
    }

    /** Every command run, in order. */
    public List<ExecRequest> execs() {
        return List.copyOf(execs);
    }

    /** The text of every command run (argv joined by spaces), in order. */
    public List<String> commands() {
        return execs.stream().map(e -> String.join(" ", e.argv())).toList();
    }

    /** Every file written, in order. */
    public List<FileEntry> puts() {
        return List.copyOf(puts);
    }

    /** A file's content as the container now holds it, if any. */
    public Optional<String> content(String path) {
        return Optional.ofNullable(files.get(path)).map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
