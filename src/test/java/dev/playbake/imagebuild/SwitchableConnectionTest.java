package dev.playbake.imagebuild;

import dev.playbake.connection.CommandsOnlyConnection;
import dev.playbake.connection.ExecRequest;
import dev.playbake.connection.ExecResult;
import dev.playbake.connection.Watch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A watcher installed on the build's connection follows it to the next container. */
class SwitchableConnectionTest {

    /** A container that writes its name to the installed watcher for each command. */
    private static final class Container extends CommandsOnlyConnection {
        private final String name;

        Container(String name) {
            this.name = name;
        }

        @Override
        public ExecResult exec(ExecRequest request) {
            watcher().ifPresent(w -> w.line(false, name));
            return new ExecResult(0, "", "");
        }

    }

    @Test
    void theWatcherMovesWithTheBuildAndLeavesWithItsHandle() {
        Container first = new Container("first");
        Container second = new Container("second");
        SwitchableConnection connection = new SwitchableConnection(first);
        List<String> seen = new ArrayList<>();
        Watch watch = connection.watch((stderr, line) -> seen.add(line));
        connection.exec(ExecRequest.of("true"));
        connection.switchTo(second);
        assertTrue(first.watcher().isEmpty(), "the old container's watch is closed");
        connection.exec(ExecRequest.of("true"));
        watch.close();
        connection.exec(ExecRequest.of("true"));
        assertEquals(List.of("first", "second"), seen);
        assertTrue(second.watcher().isEmpty());

        connection.switchTo(first);
        connection.exec(ExecRequest.of("true"));
        assertEquals(List.of("first", "second"), seen, "a closed watch does not come back with a switch");
    }

    @Test
    void anEarlierHandleDoesNotCloseALaterWatch() {
        Container container = new Container("c");
        SwitchableConnection connection = new SwitchableConnection(container);
        List<String> seen = new ArrayList<>();
        Watch earlier = connection.watch((stderr, line) -> seen.add("earlier"));
        connection.watch((stderr, line) -> seen.add("later"));
        earlier.close();
        connection.exec(ExecRequest.of("true"));
        assertEquals(List.of("later"), seen);
    }
}
