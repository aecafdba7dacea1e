package dev.playbake.engine;

import dev.playbake.connection.CommandsOnlyConnection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.modules.ModuleRegistry;
import dev.playbake.playbook.Location;
import dev.playbake.playbook.PlaybookParser;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.secrets.Redactor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A task's lines while its commands run: streamed through the connection's watcher, masked, never under no_log,
 * and not shown again at the task's end.
 */
class LiveOutputTest {

    /**
     * A container whose command {@code live A B -- REST} writes the lines A and B to the watcher while it runs, then
     * answers with A, B and REST as its stdout (a line starting with {@code helper} only to the watcher); it
     * remembers which commands ran watched.
     */
    private static final class StreamingConnection extends CommandsOnlyConnection {
        final List<String> watched = new ArrayList<>();
        final List<String> unwatched = new ArrayList<>();

        @Override
        public ExecResult exec(ExecRequest request) {
            String script = request.argv().get(request.argv().size() - 1);
            (watcher().isPresent() ? watched : unwatched).add(script);
            if (!script.startsWith("live ")) {
                return new ExecResult(0, "", "");
            }
            String[] parts = script.substring("live ".length()).split(" -- ", -1);
            List<String> live = List.of(parts[0].split(" "));
            watcher().ifPresent(w -> live.forEach(line -> w.line(false, line)));
            List<String> stdout = new ArrayList<>(live.stream().filter(l -> !l.startsWith("helper")).toList());
            stdout.addAll(List.of(parts[1].split(" ")));
            return new ExecResult(0, String.join("\n", stdout) + "\n", "");
        }

    }

    /** Every event as text, in order: {@code start NAME}, {@code | line}, {@code ! line}, {@code end NAME}. */
    private static List<String> run(String tasks) {
        return run(new StreamingConnection(),
                "- hosts: all\n  gather_facts: false\n  vars: {password: hunter2secret}\n  tasks:\n" + tasks);
    }

    private static List<String> run(StreamingConnection connection, String playbook) {
        List<String> events = new ArrayList<>();
        SourceFiles files = new SourceFiles(Map.of());
        RunResult result = new Engine(ModuleRegistry.standard()).run(PlaybookParser.parse("playbook.yml", playbook, files),
                RunContext.builder(connection, files, "target")
                        .redactor(Redactor.of(List.of("hunter2secret")))
                        .listener(new EngineListener() {
                            @Override
                            public void taskStarted(String name, Location location, OptionalInt number) {
                                events.add("start " + name);
                            }

                            @Override
                            public void taskOutput(boolean stderr, String line) {
                                events.add((stderr ? "! " : "| ") + line);
                            }

                            @Override
                            public void taskFinished(TaskOutcome outcome) {
                                events.add("end " + outcome.name());
                            }
                        }).build());
        assertInstanceOf(RunResult.Completed.class, result, result::toString);
        return events;
    }

    @Test
    void streamedLinesComeOnceAndTheRestAtTheEnd() {
        assertEquals(List.of("start build", "| first", "| second", "| third", "end build"), run("""
                    - name: build
                      shell: live first second -- third
                """));
    }

    @Test
    void aHelperLineStaysShownAndTheCommandsOwnAreNotRepeated() {
        assertEquals(List.of("start build", "| helper-step", "| one", "| two", "| three", "end build"), run("""
                    - name: build
                      shell: live helper-step one two -- three
                """));
    }

    @Test
    void aLoopStreamsEachItemAndShowsEachItemsRestAtTheEnd() {
        // each item's live lines as it runs; what they did not stream comes with the task's end, item by item
        assertEquals(List.of("start each", "| a1", "| b1", "| a2", "| b2", "end each"), run("""
                    - name: each
                      shell: live {{ item }}1 -- {{ item }}2
                      loop: [a, b]
                """));
    }

    @Test
    void aNoLogTaskStreamsNothing() {
        assertEquals(List.of("start quiet", "end quiet", "start loud", "| up", "| done", "end loud"), run("""
                    - name: quiet
                      shell: live secret-line -- more
                      no_log: true
                    - name: loud
                      shell: live up -- done
                """));
    }

    @Test
    void aSecretIsMaskedInTheStream() {
        assertEquals(List.of("start pw", "| pw=********", "| done", "end pw"), run("""
                    - name: pw
                      shell: live pw={{ password }} -- done
                """));
    }

    @Test
    void factGatheringIsNotWatched() {
        StreamingConnection connection = new StreamingConnection();
        run(connection, "- hosts: all\n  tasks:\n    - name: probe\n      shell: live x -- y\n");
        assertEquals(false, connection.unwatched.isEmpty(), "facts ran commands");
        assertEquals(List.of("live x -- y"), connection.watched);
    }
}
