package dev.playbake.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's {@code {% for x in seq %}…{% else %}…{% endfor %}}: the else part renders only when the
 * sequence is empty. jinjava renders it after every item instead, so the template is rewritten to
 * {@code {% for %}…{% endfor %}{% if not (seq) %}…{% endif %}} before jinjava sees it. Loops with an
 * inline {@code if} filter or {@code recursive} are left as written.
 */
final class ForElse {

    private static final Pattern TAG = Pattern.compile("\\{%(-?)\\s*(\\w+)(.*?)(-?)%}", Pattern.DOTALL);
    private static final List<String> BLOCKS = List.of("if", "macro", "call", "filter", "block", "with", "autoescape");

    /** An open block: its kind, and for a loop the sequence the else part tests (empty when it cannot). */
    private static final class Frame {
        final String kind;
        final String sequence;
        boolean elseSeen;

        Frame(String kind, String sequence) {
            this.kind = kind;
            this.sequence = sequence;
        }
    }

    private ForElse() {
    }

    static String rewrite(String template) {
        if (!template.contains("else")) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        Deque<Frame> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(template);
        int copied = 0;
        while (tag.find()) {
            String name = tag.group(2);
            String left = tag.group(1);
            String right = tag.group(4);
            String replacement = null;
            if (name.equals("raw")) {
                int end = template.indexOf("endraw", tag.end());
                if (end < 0) {
                    break;
                }
                tag.region(end, template.length());
                continue;
            }
            if (name.equals("for")) {
                open.push(new Frame("for", sequence(tag.group(3))));
            } else if (BLOCKS.contains(name) || name.equals("set") && !tag.group(3).contains("=")) {
                open.push(new Frame(name, ""));
            } else if (name.equals("else") && !open.isEmpty() && open.peek().kind.equals("for")
                    && !open.peek().sequence.isEmpty()) {
                open.peek().elseSeen = true;
                replacement = "{%" + left + " endfor %}{% if not (" + open.peek().sequence + ") " + right + "%}";
            } else if (name.startsWith("end") && !open.isEmpty()) {
                Frame closed = open.pop();
                if (closed.elseSeen) {
                    replacement = "{%" + left + " endif " + right + "%}";
                }
            }
            if (replacement != null) {
                out.append(template, copied, tag.start()).append(replacement);
                copied = tag.end();
            }
        }
        return copied == 0 ? template : out.append(template, copied, template.length()).toString();
    }

    /** The sequence of {@code for target in sequence}, or empty for a loop with a filter or recursion. */
    private static String sequence(String header) {
        int in = header.indexOf(" in ");
        if (in < 0) {
            return "";
        }
        String sequence = header.substring(in + 4).strip();
        return sequence.matches("(?s).*\\s(if|recursive)(\\s.*|$)") ? "" : sequence;
    }
}
