package dev.playbake.docker;

import dev.playbake.connection.FileEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which files the shell session writes itself, and which it leaves to the archive endpoint. */
class SessionFilesTest {

    private static FileEntry file(String content) {
        return new FileEntry("/etc/app.conf", content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    @Test
    void textTravelsInTheSession() {
        assertTrue(SessionFiles.write(List.of(file("port = 80\n\u65e5\u672c\n"), file(""))).isPresent());
    }

    @Test
    void binaryAndBrokenUtf8DoNot() {
        assertFalse(SessionFiles.write(List.of(new FileEntry("/b", new byte[] {'a', 0, 'b'}, 0644))).isPresent());
        assertFalse(SessionFiles.write(List.of(new FileEntry("/b", new byte[] {(byte) 0xc3, '(' }, 0644))).isPresent());
    }

    @Test
    void aScriptLongerThanOneExecArgumentDoesNot() {
        assertTrue(SessionFiles.write(List.of(file("a".repeat(100_000)))).isPresent());
        assertFalse(SessionFiles.write(List.of(file("a".repeat(130_000)))).isPresent(), "past the content limit");
        // each quote takes four characters in the script: 40,000 of them make it longer than 128 KiB
        assertFalse(SessionFiles.write(List.of(file("'".repeat(40_000)))).isPresent(), "past the script limit");
        assertFalse(SessionFiles.write(List.of(file("a".repeat(70_000)), file("b".repeat(70_000)))).isPresent(),
                "the files of one write together");
    }
}
