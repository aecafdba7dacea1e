package dev.playbake.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code textwrap.wrap} as Jinja2's wordwrap calls it (no tab expansion, whitespace kept, no
 * indents): text split into words, whitespace and hyphenated parts, packed greedily into lines.
 */
final class TextWrap {

    private static final String WS = "[\\t\\n\\x0b\\x0c\\r ]";
    private static final String NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
    private static final String WORD_PUNCT = "[\\w!\"'&.,?]";
    private static final String LETTER = "[^\\d\\W]";
    /** textwrap.TextWrapper.wordsep_re: whitespace, em-dashes, words possibly broken after a hyphen. */
    private static final Pattern WORDSEP = Pattern.compile(WS + "+"
            + "|(?<=" + WORD_PUNCT + ")-{2,}(?=\\w)"
            + "|" + NWS + "+?(?:-(?:(?<=" + LETTER + "{2}-)|(?<=" + LETTER + "-" + LETTER + "-))(?=" + LETTER + "-?" + LETTER + ")"
            + "|(?=" + WS + "|\\z)|(?<=" + WORD_PUNCT + ")(?=-{2,}\\w))", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SIMPLE = Pattern.compile(WS + "+|" + NWS + "+");

    private TextWrap() {
    }

    static List<String> wrap(String text, int width, boolean breakLongWords, boolean breakOnHyphens) {
        List<String> chunks = chunks(text, breakOnHyphens ? WORDSEP : SIMPLE);
        List<String> lines = new ArrayList<>();
        int next = 0;
        while (next < chunks.size()) {
            List<String> line = new ArrayList<>();
            int length = 0;
            if (chunks.get(next).isBlank() && !lines.isEmpty()) {
                next++;
            }
            while (next < chunks.size() && length + chunks.get(next).length() <= width) {
                length += chunks.get(next).length();
                line.add(chunks.get(next++));
            }
            if (next < chunks.size() && chunks.get(next).length() > width) {
                next = longWord(chunks, next, line, length, width, breakLongWords, breakOnHyphens);
            }
            if (!line.isEmpty() && line.get(line.size() - 1).isBlank()) {
                line.remove(line.size() - 1);
            }
            if (!line.isEmpty()) {
                lines.add(String.join("", line));
            }
        }
        return lines;
    }

    /** TextWrapper._handle_long_word: the part that fits (up to a hyphen when it can), the rest stays next. */
    private static int longWord(List<String> chunks, int next, List<String> line, int length, int width,
                                boolean breakLongWords, boolean breakOnHyphens) {
        int spaceLeft = width < 1 ? 1 : width - length;
        String chunk = chunks.get(next);
        if (breakLongWords) {
            int end = spaceLeft;
            if (breakOnHyphens && chunk.length() > spaceLeft) {
                int hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
                if (hyphen > 0 && !chunk.substring(0, hyphen).chars().allMatch(c -> c == '-')) {
                    end = hyphen + 1;
                }
            }
            line.add(chunk.substring(0, end));
            chunks.set(next, chunk.substring(end));
            return next;
        }
        if (line.isEmpty()) {
            line.add(chunk);
            return next + 1;
        }
        return next;
    }

    private static List<String> chunks(String text, Pattern separator) {
        List<String> chunks = new ArrayList<>();
        Matcher m = separator.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                chunks.add(text.substring(last, m.start()));
            }
            if (m.end() > m.start()) {
                chunks.add(m.group());
            }
            last = m.end();
        }
        if (last < text.length()) {
            chunks.add(text.substring(last));
        }
        return chunks;
    }
}
