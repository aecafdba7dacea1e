package dev.playbake.docker;

import dev.playbake.connection.OutputWatcher;
import dev.playbake.connection.Watch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lines reach a watcher only while its watch is open, and its failures stay its own. */
class WatchSlotTest {

    @Test
    void noLineAfterTheWatchClosed() {
        WatchSlot slot = new WatchSlot();
        assertTrue(slot.active().isEmpty());
        List<String> seen = new ArrayList<>();
        Watch watch = slot.install((stderr, line) -> seen.add(line));
        OutputWatcher forCommand = slot.active().orElseThrow();
        forCommand.line(false, "during");
        watch.close();
        // a command that took the watcher before the close still holds it: it must not reach the watcher
        forCommand.line(false, "after");
        assertEquals(List.of("during"), seen);
        assertTrue(slot.active().isEmpty());
    }

    @Test
    void aLaterWatchReplacesAndTheEarlierHandleLeavesItAlone() {
        WatchSlot slot = new WatchSlot();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Watch earlier = slot.install((stderr, line) -> first.add(line));
        OutputWatcher old = slot.active().orElseThrow();
        slot.install((stderr, line) -> second.add(line));
        old.line(false, "to the replaced one");
        earlier.close();
        slot.active().orElseThrow().line(false, "to the later one");
        assertEquals(List.of(), first);
        assertEquals(List.of("to the later one"), second);
    }

    @Test
    void aWatcherThatFailsIsDroppedAndTheCallerGoesOn() {
        WatchSlot slot = new WatchSlot();
        List<String> seen = new ArrayList<>();
        slot.install((stderr, line) -> {
            seen.add(line);
            throw new IllegalStateException("the view broke");
        });
        OutputWatcher watcher = slot.active().orElseThrow();
        watcher.line(false, "one");
        watcher.line(false, "two");
        assertEquals(List.of("one"), seen);
    }
}
