package dev.playbake.modules.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PAM service file as community.general 6.6's pamd module holds it: a doubly linked list of lines
 * (comments, includes, blank lines, rules) edited the way the module edits it, links and all, since
 * its insertions unlink the comments they step over and the written file must be the module's.
 * A rule is written back as {@code type} padded to 11 columns, control, path and arguments, one
 * space apart; other lines as they were read.
 */
final class PamdService {

    static final List<String> VALID_TYPES = List.of("account", "-account", "auth", "-auth", "password", "-password",
            "session", "-session");
    private static final List<String> SIMPLE_CONTROLS = List.of("required", "requisite", "sufficient", "optional",
            "include", "substack", "definitive");
    private static final List<String> CONTROL_VALUES = List.of("success", "open_err", "symbol_err", "service_err",
            "system_err", "buf_err", "perm_denied", "auth_err", "cred_insufficient", "authinfo_unavail",
            "user_unknown", "maxtries", "new_authtok_reqd", "acct_expired", "session_err", "cred_unavail",
            "cred_expired", "cred_err", "no_module_data", "conv_err", "authtok_err", "authtok_recover_err",
            "authtok_lock_busy", "authtok_disable_aging", "try_again", "ignore", "abort", "authtok_expired",
            "module_unknown", "bad_item", "conv_again", "incomplete", "default");
    private static final List<String> CONTROL_ACTIONS = List.of("ignore", "bad", "die", "ok", "done", "reset");

    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;
    private static final Pattern RULE = Pattern.compile(
            "(-?(?:auth|account|session|password))\\s+(\\[.*\\]|\\S*)\\s+(\\S*)\\s*(.*)\\s*", FLAGS);
    private static final Pattern ARGUMENT = Pattern.compile("(\\[.*\\]|\\S*)", FLAGS);

    /** A line the module cannot parse as a rule (it fails on it). */
    static final class Unparsable extends Exception {
        Unparsable(String line) {
            super("Unable to parse the PAM rule: " + line);
        }
    }

    private enum Kind { EMPTY, COMMENT, INCLUDE, RULE }

    /** One line of the list; a rule's parts are mutable, as the module's PamdRule. */
    private static final class Line {
        final Kind kind;
        final String text;
        String type;
        String control;
        List<String> controls;
        String path;
        List<String> args = List.of();
        Line prev;
        Line next;

        Line(Kind kind, String text) {
            this.kind = kind;
            this.text = text;
        }

        static Line rule(String type, String control, String path, List<String> args) {
            Line rule = new Line(Kind.RULE, "");
            rule.type = type;
            rule.setControl(control);
            rule.path = path;
            rule.args = new ArrayList<>(args);
            return rule;
        }

        /** The module's control setter: a bracketed control becomes its list of value=action words. */
        void setControl(String value) {
            if (value.startsWith("[")) {
                controls = List.of(value.replace(" = ", "=").replace("[", "").replace("]", "").split(" ", -1));
                control = null;
            } else {
                control = value;
                controls = null;
            }
        }

        String control() {
            return controls != null ? "[" + String.join(" ", controls) + "]" : control;
        }

        boolean matches(String ruleType, String ruleControl, String rulePath) {
            return kind == Kind.RULE && ruleType.equals(type) && ruleControl.equals(control()) && rulePath.equals(path);
        }

        boolean isCommentOrEmpty() {
            return kind == Kind.COMMENT || kind == Kind.EMPTY;
        }

        @Override
        public String toString() {
            if (kind != Kind.RULE) {
                return text;
            }
            String head = type.length() >= 11 ? type : type + " ".repeat(11 - type.length());
            return head + control() + " " + path + (args.isEmpty() ? "" : " " + String.join(" ", args));
        }

        /** The module's validation of one line: empty when valid, else its message. */
        Optional<String> invalid() {
            switch (kind) {
                case EMPTY -> {
                    return text.strip().isEmpty() ? Optional.empty() : Optional.of("Rule is not valid " + text);
                }
                case COMMENT -> {
                    return text.startsWith("#") ? Optional.empty() : Optional.of("Rule is not valid " + text);
                }
                case INCLUDE -> {
                    return text.startsWith("@include") ? Optional.empty() : Optional.of("Rule is not valid " + text);
                }
                default -> {
                    return invalidRule();
                }
            }
        }

        private Optional<String> invalidRule() {
            if (!VALID_TYPES.contains(type)) {
                return Optional.of("Rule type, " + type + ", is not valid in rule " + this);
            }
            if (controls == null && !SIMPLE_CONTROLS.contains(control)) {
                return Optional.of("Rule control, " + control + ", is not valid in rule " + this);
            }
            for (String word : controls == null ? List.<String>of() : controls) {
                String[] parts = word.split("=", -1);
                if (parts.length != 2) {
                    return Optional.of("unexpected error: control " + word + " is not value=action in rule " + this);
                }
                if (!CONTROL_VALUES.contains(parts[0])) {
                    return Optional.of("Rule control value, " + parts[0] + ", is not valid in rule " + this);
                }
                if (!CONTROL_ACTIONS.contains(parts[1]) && !unsignedInt(parts[1])) {
                    return Optional.of("Rule control action, " + parts[1] + ", is not valid in rule " + this);
                }
            }
            return Optional.empty();
        }
    }

    private Line head;
    private Line tail;

    private PamdService() {
    }

    static PamdService parse(String content) throws Unparsable {
        PamdService service = new PamdService();
        for (String text : splitlines(content)) {
            String start = text.stripLeading();
            Line line;
            if (start.startsWith("#")) {
                line = new Line(Kind.COMMENT, text);
            } else if (start.startsWith("@include")) {
                line = new Line(Kind.INCLUDE, text);
            } else if (text.strip().isEmpty()) {
                line = new Line(Kind.EMPTY, text);
            } else {
                Matcher m = RULE.matcher(text);
                if (!m.find()) {
                    throw new Unparsable(text);
                }
                line = Line.rule(m.group(1), m.group(2), m.group(3), arguments(List.of(m.group(4))));
            }
            service.append(line);
        }
        return service;
    }

    private void append(Line line) {
        if (head == null) {
            head = line;
            tail = line;
        } else {
            line.prev = tail;
            tail.next = line;
            tail = line;
        }
    }

    private List<Line> get(String type, String control, String path) {
        List<Line> found = new ArrayList<>();
        for (Line line = head; line != null; line = line.next) {
            if (line.matches(type, control, path)) {
                found.add(line);
            }
        }
        return found;
    }

    /** state=absent: every matching rule unlinked. */
    int remove(String type, String control, String path) {
        int changes = 0;
        for (Line line = head; line != null; line = line.next) {
            if (line.matches(type, control, path)) {
                if (line.prev != null) {
                    line.prev.next = line.next;
                    if (line.next != null) {
                        line.next.prev = line.prev;
                    }
                } else {
                    head = line.next;
                    if (head != null) {
                        head.prev = null;
                    }
                }
                changes++;
            }
        }
        return changes;
    }

    /** state=updated: the matching rules' type, control, path and arguments replaced where given. */
    int update(String type, String control, String path, Optional<String> newType, Optional<String> newControl,
               Optional<String> newPath, Optional<List<String>> newArguments) {
        Optional<List<String>> parsed = newArguments.map(PamdService::arguments);
        int changes = 0;
        for (Line rule : get(type, control, path)) {
            boolean changed = false;
            if (newType.filter(t -> !t.isEmpty()).isPresent() && !rule.type.equals(newType.get())) {
                rule.type = newType.get();
                changed = true;
            }
            if (newControl.filter(c -> !c.isEmpty()).isPresent() && !rule.control().equals(newControl.get())) {
                rule.setControl(newControl.get());
                changed = true;
            }
            if (newPath.filter(p -> !p.isEmpty()).isPresent() && !rule.path.equals(newPath.get())) {
                rule.path = newPath.get();
                changed = true;
            }
            if (parsed.isPresent() && !rule.args.equals(parsed.get())) {
                rule.args = arguments(parsed.get());
                changed = true;
            }
            if (changed) {
                changes++;
            }
        }
        return changes;
    }

    /** state=before: the new rule before each matching one, unless the rule before it is already the new one. */
    int insertBefore(String type, String control, String path, String newType, String newControl, String newPath,
                     List<String> newArguments) {
        int changes = 0;
        for (Line current : get(type, control, path)) {
            Line rule = Line.rule(newType, newControl, newPath, arguments(newArguments));
            Line previous = current.prev;
            while (previous != null && previous.isCommentOrEmpty()) {
                previous = previous.prev;
            }
            if (previous != null && !previous.matches(newType, newControl, newPath)) {
                previous.next = rule;
                rule.prev = previous;
                rule.next = current;
                current.prev = rule;
                changes++;
            } else if (previous == null) {
                if (current.prev == null) {
                    head = rule;
                } else {
                    current.prev.next = rule;
                }
                rule.prev = current.prev;
                rule.next = current;
                current.prev = rule;
                changes++;
            }
        }
        return changes;
    }

    /** state=after: the new rule after each matching one, unless the rule after it is already the new one. */
    int insertAfter(String type, String control, String path, String newType, String newControl, String newPath,
                    List<String> newArguments) {
        int changes = 0;
        for (Line current : get(type, control, path)) {
            Line next = current.next;
            while (next != null && next.isCommentOrEmpty()) {
                next = next.next;
            }
            Line rule = Line.rule(newType, newControl, newPath, arguments(newArguments));
            if (next != null && !next.matches(newType, newControl, newPath)) {
                next.prev = rule;
                rule.next = next;
                rule.prev = current;
                current.next = rule;
                changes++;
            } else if (next == null) {
                rule.prev = tail;
                rule.next = null;
                tail.next = rule;
                tail = rule;
                current.next = rule;
                changes++;
            }
        }
        return changes;
    }

    /**
     * state=args_present: missing arguments appended (plain ones, then key=value ones, each kind in the
     * task's order: the module iterates Python sets there, whose order varies between runs) and
     * key=value arguments with another value replaced in place.
     */
    int addArguments(String type, String control, String path, List<String> wanted) {
        List<String> toAdd = arguments(wanted);
        int changes = 0;
        for (Line rule : get(type, control, path)) {
            Set<String> simpleNew = new LinkedHashSet<>();
            Map<String, String> keyValueNew = new LinkedHashMap<>();
            split(toAdd, simpleNew, keyValueNew);
            Set<String> simpleCurrent = new LinkedHashSet<>();
            Map<String, String> keyValueCurrent = new LinkedHashMap<>();
            split(rule.args, simpleCurrent, keyValueCurrent);
            List<String> added = new ArrayList<>();
            simpleNew.stream().filter(a -> !simpleCurrent.contains(a)).forEach(added::add);
            keyValueNew.forEach((key, value) -> {
                if (!keyValueCurrent.containsKey(key)) {
                    added.add(key + "=" + value);
                }
            });
            boolean changed = false;
            if (!added.isEmpty()) {
                List<String> all = new ArrayList<>(rule.args);
                all.addAll(added);
                rule.args = arguments(all);
                changed = true;
            }
            for (Map.Entry<String, String> entry : keyValueNew.entrySet()) {
                String old = keyValueCurrent.get(entry.getKey());
                if (old != null && !old.equals(entry.getValue())) {
                    int at = rule.args.indexOf(entry.getKey() + "=" + old);
                    rule.args.set(at, entry.getKey() + "=" + entry.getValue());
                    changed = true;
                }
            }
            if (changed) {
                changes++;
            }
        }
        return changes;
    }

    /** state=args_absent: the given arguments dropped from each matching rule that has any of them. */
    int removeArguments(String type, String control, String path, List<String> unwanted) {
        List<String> toRemove = arguments(unwanted);
        int changes = 0;
        for (Line rule : get(type, control, path)) {
            if (rule.args.stream().noneMatch(toRemove::contains)) {
                continue;
            }
            rule.args = arguments(rule.args.stream().filter(a -> !toRemove.contains(a)).toList());
            changes++;
        }
        return changes;
    }

    /** The first invalid line's message, as the module validates the whole service before writing. */
    Optional<String> invalid() {
        for (Line line = head; line != null; line = line.next) {
            Optional<String> invalid = line.invalid();
            if (invalid.isPresent()) {
                return invalid;
            }
        }
        return Optional.empty();
    }

    /** The file as the module writes it, with its "# Updated by Ansible - TIME" mark as the second line. */
    String render(String now) {
        List<String> lines = new ArrayList<>();
        for (Line line = head; line != null; line = line.next) {
            lines.add(line.toString());
        }
        String mark = "# Updated by Ansible - " + now;
        if (lines.size() <= 1) {
            lines.add(0, "");
            lines.add(1, mark);
        } else if (lines.get(1).startsWith("# Updated by Ansible")) {
            lines.set(1, mark);
        } else {
            lines.add(1, mark);
        }
        return String.join("\n", lines) + "\n";
    }

    /** Splits plain and key=value arguments, skipping bracketed ones, as the module's add_module_arguments. */
    private static void split(List<String> args, Set<String> simple, Map<String, String> keyValue) {
        for (String arg : args) {
            if (arg.startsWith("[")) {
                continue;
            }
            int equals = arg.indexOf('=');
            if (equals >= 0) {
                keyValue.put(arg.substring(0, equals), arg.substring(equals + 1));
            } else {
                simple.add(arg);
            }
        }
    }

    /** The module's parse_module_arguments: each item split into words, a bracketed group kept as one. */
    static List<String> arguments(List<String> items) {
        if (items.size() == 1 && items.get(0).isEmpty()) {
            return new ArrayList<>();
        }
        List<String> parsed = new ArrayList<>();
        for (String item : items) {
            Matcher m = ARGUMENT.matcher(item);
            while (m.find()) {
                if (!m.group(1).isEmpty()) {
                    parsed.add(m.group(1));
                }
            }
        }
        return parsed;
    }

    /** Whether any argument is bracketed, which args_present refuses. */
    static boolean hasBracketed(List<String> items) {
        return arguments(items).stream().anyMatch(a -> a.startsWith("["));
    }

    private static boolean unsignedInt(String text) {
        return PamLimitsModule.pythonInt(text).filter(n -> n.signum() >= 0).isPresent();
    }

    /** Python's str.splitlines, on every line boundary it knows. */
    private static List<String> splitlines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
                lines.add(text.substring(start, i));
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
