package dev.playbake.template;

import com.hubspot.jinjava.lib.filter.Filter;
import dev.playbake.python.PyNone;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.template.FilterValues.arg;
import static dev.playbake.template.FilterValues.bool;
import static dev.playbake.template.FilterValues.intArg;
import static dev.playbake.template.FilterValues.str;

/** Jinja2 3.1's built-in string filters where jinjava's follow Jinja2 2.x or Java's strings rather than Python's. */
final class JinjaStringFilters {

    private static final Pattern WORD_BEGINNING = Pattern.compile("[-\\s({\\[<]+");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED_ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", "\u00a0");

    private JinjaStringFilters() {
    }

    /** The filters of this group, for the template environment. */
    static List<Filter> filters() {
        return List.of(
                new SimpleFilter("indent", (v, a, k) -> indent(str(v), keywords("indent", k, "width", "first", "blank")
                        .getOrDefault("width", arg(a, 0, 4)), bool(arg(a, 1, k.getOrDefault("first", false))),
                        bool(arg(a, 2, k.getOrDefault("blank", false))))),
                new SimpleFilter("center", (v, a, k) -> center(str(v), intArg(arg(a, 0, k.getOrDefault("width", 80)), 80))),
                new SimpleFilter("capitalize", (v, a, k) -> capitalize(str(v))),
                new SimpleFilter("title", (v, a, k) -> title(str(v))),
                new SimpleFilter("trim", (v, a, k) -> trim(str(v), arg(a, 0, k.get("chars")))),
                new SimpleFilter("replace", (v, a, k) -> replace(str(v), str(arg(a, 0, k.get("old"))), str(arg(a, 1, k.get("new"))),
                        intArg(arg(a, 2, k.getOrDefault("count", -1)), -1))),
                new SimpleFilter("truncate", (v, a, k) -> truncate(str(v), intArg(arg(a, 0, k.getOrDefault("length", 255)), 255),
                        bool(arg(a, 1, k.getOrDefault("killwords", false))), str(arg(a, 2, k.getOrDefault("end", "..."))),
                        intArg(arg(a, 3, k.getOrDefault("leeway", 5)), 5))),
                new SimpleFilter("wordwrap", (v, a, k) -> wordwrap(str(v), intArg(arg(a, 0, k.getOrDefault("width", 79)), 79),
                        bool(arg(a, 1, k.getOrDefault("break_long_words", true))), str(arg(a, 2, k.getOrDefault("wrapstring", "\n"))),
                        bool(arg(a, 3, k.getOrDefault("break_on_hyphens", true))))),
                new SimpleFilter("striptags", (v, a, k) -> striptags(str(v))),
                new SimpleFilter("urlize", Urlize::filter));
    }

    /** Python refuses a keyword the function does not declare, as Jinja2 3 does {@code indentfirst}. */
    static Map<String, Object> keywords(String filter, Map<String, Object> kwargs, String... known) {
        Set<String> allowed = Set.of(known);
        for (String name : kwargs.keySet()) {
            if (!allowed.contains(name)) {
                throw new TemplateException("do_" + filter + "() got an unexpected keyword argument '" + name + "'");
            }
        }
        return kwargs;
    }

    /** Jinja2 3's indent: a width or a string, blank lines and the first line left alone unless asked. */
    private static String indent(String text, Object width, boolean first, boolean blank) {
        String indention = width instanceof String s ? s : " ".repeat(intArg(width, 4));
        List<String> lines = splitlines(text + "\n");
        StringBuilder out = new StringBuilder(lines.isEmpty() ? "" : lines.get(0));
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            out.append('\n').append(blank || !line.isEmpty() ? indention + line : line);
        }
        return first ? indention + out : out.toString();
    }

    /** Python's str.center: the odd space goes left when the width is odd. */
    private static String center(String text, int width) {
        int margin = width - text.length();
        if (margin <= 0) {
            return text;
        }
        int left = margin / 2 + (margin & width & 1);
        return " ".repeat(left) + text + " ".repeat(margin - left);
    }

    /** Python's title case of one character: ß becomes Ss, ǆ becomes ǅ. */
    private static String titleCase(int codePoint) {
        if (Character.toTitleCase(codePoint) != codePoint) {
            return new String(Character.toChars(Character.toTitleCase(codePoint)));
        }
        String upper = new String(Character.toChars(codePoint)).toUpperCase(Locale.ROOT);
        return upper.length() > 1 ? upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT) : upper;
    }

    private static String capitalize(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        return titleCase(first) + text.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
    }

    /** Jinja2's title: each word after a space, dash or opening bracket upper-cased first, lower-cased after. */
    private static String title(String text) {
        StringBuilder out = new StringBuilder();
        Matcher separators = WORD_BEGINNING.matcher(text);
        int last = 0;
        while (separators.find()) {
            out.append(word(text.substring(last, separators.start()))).append(word(separators.group()));
            last = separators.end();
        }
        return out.append(word(text.substring(last))).toString();
    }

    private static String word(String item) {
        if (item.isEmpty()) {
            return item;
        }
        int first = item.codePointAt(0);
        return new String(Character.toChars(first)).toUpperCase(Locale.ROOT)
                + item.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
    }

    /** Python's str.strip(chars): any of the characters from both ends; whitespace without them. */
    private static String trim(String text, Object chars) {
        if (chars == null || chars == PyNone.NONE) {
            return text.strip();
        }
        String set = str(chars);
        int start = 0;
        int end = text.length();
        while (start < end && set.indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && set.indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Python's str.replace: at most count times (all when negative); an empty old inserts around every character. */
    private static String replace(String text, String old, String replacement, int count) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int done = 0;
        if (old.isEmpty()) {
            for (int i = 0; i <= text.length(); i++) {
                if (count < 0 || done < count) {
                    out.append(replacement);
                    done++;
                }
                if (i < text.length()) {
                    out.append(text.charAt(i));
                }
            }
            return out.toString();
        }
        for (int at = text.indexOf(old); at >= 0 && (count < 0 || done < count); at = text.indexOf(old, from)) {
            out.append(text, from, at).append(replacement);
            from = at + old.length();
            done++;
        }
        return out.append(text.substring(from)).toString();
    }

    /** Jinja2's truncate: within length plus leeway it stays; else cut at the last space (or anywhere) with end. */
    private static String truncate(String text, int length, boolean killwords, String end, int leeway) {
        if (length < end.length()) {
            throw new TemplateException("expected length >= " + end.length() + ", got " + length);
        }
        if (text.length() <= length + leeway) {
            return text;
        }
        String cut = text.substring(0, length - end.length());
        if (killwords) {
            return cut + end;
        }
        int space = cut.lastIndexOf(' ');
        return (space < 0 ? cut : cut.substring(0, space)) + end;
    }

    /** Jinja2's wordwrap: each line of the text wrapped on its own, the pieces joined by wrapstring. */
    private static String wordwrap(String text, int width, boolean breakLongWords, String wrapstring, boolean breakOnHyphens) {
        List<String> paragraphs = new ArrayList<>();
        for (String line : splitlines(text)) {
            paragraphs.add(String.join(wrapstring, TextWrap.wrap(line, width, breakLongWords, breakOnHyphens)));
        }
        return String.join(wrapstring, paragraphs);
    }

    /** markupsafe's striptags: comments and tags out, whitespace runs as one space, entities decoded. */
    private static String striptags(String html) {
        String text = html.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<.*?>", "");
        return unescape(String.join(" ", text.strip().split("\\s+")));
    }

    private static String unescape(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String decoded = name.startsWith("#x") || name.startsWith("#X") ? codePoint(name.substring(2), 16)
                    : name.startsWith("#") ? codePoint(name.substring(1), 10)
                    : NAMED_ENTITIES.getOrDefault(name, entity.group());
            entity.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        entity.appendTail(out);
        return out.toString();
    }

    private static String codePoint(String digits, int radix) {
        return new String(Character.toChars(Integer.parseInt(digits, radix)));
    }

    /** Python's str.splitlines: every Unicode line boundary, no trailing empty line. */
    static List<String> splitlines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
