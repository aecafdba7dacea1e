package dev.playbake.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one stream's bytes, as they come, into complete lines (UTF-8, without {@code \n} or {@code \r\n}), keeping
 * the unfinished last line for the bytes that follow: a line, or a character, may be split across two reads.
 */
final class LineSplitter {

    private final ByteArrayOutputStream unfinished = new ByteArrayOutputStream();

    /** The lines {@code bytes} complete. */
    List<String> add(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                unfinished.write(bytes, from, i - from);
                lines.add(line(unfinished.toByteArray()));
                unfinished.reset();
                from = i + 1;
            }
        }
        unfinished.write(bytes, from, bytes.length - from);
        return lines;
    }

    private static String line(byte[] bytes) {
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
