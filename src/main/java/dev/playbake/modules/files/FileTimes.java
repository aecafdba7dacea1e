package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ModuleException;
import dev.playbake.python.Sh;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file module's {@code modification_time} and {@code access_time}: each {@code preserve}, {@code now} or a
 * time in its {@code *_format} (Python's strptime, default {@code %Y%m%d%H%M.%S}), read in the container's local
 * time as Ansible's mktime there reads it, and set with {@code touch -m}/{@code -a} (GNU and busybox).
 */
final class FileTimes {

    static final String DEFAULT_FORMAT = "%Y%m%d%H%M.%S";

    /** Python's _strptime regexes for the directives a timestamp uses. */
    private static final Map<Character, String> DIRECTIVES = Map.of(
            'Y', "(?<Y>\\d\\d\\d\\d)",
            'y', "(?<y>\\d\\d)",
            'm', "(?<m>1[0-2]|0[1-9]|[1-9])",
            'd', "(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
            'H', "(?<H>2[0-3]|[0-1]\\d|\\d)",
            'M', "(?<M>[0-5]\\d|\\d)",
            'S', "(?<S>6[0-1]|[0-5]\\d|\\d)");

    /** One time: {@code stamp} is touch -t's CCYYMMDDhhmm.SS when the kind is a set time. */
    private record Setting(String kind, String stamp) {
        static final Setting PRESERVE = new Setting("preserve", null);
        static final Setting NOW = new Setting("now", null);
    }

    private final Setting modification;
    private final Setting access;

    private FileTimes(Setting modification, Setting access) {
        this.modification = modification;
        this.access = access;
    }

    /** The task's times; unset ones are {@code now} for touch and {@code preserve} for every other state, as Ansible's. */
    static FileTimes of(Args args, String state) {
        String unset = state.equals("touch") ? "now" : "preserve";
        return new FileTimes(
                setting(args.raw("modification_time"), args.string("modification_time_format", DEFAULT_FORMAT), unset),
                setting(args.raw("access_time"), args.string("access_time_format", DEFAULT_FORMAT), unset));
    }

    boolean preservesBoth() {
        return modification == Setting.PRESERVE && access == Setting.PRESERVE;
    }

    /**
     * A script that prints "changed" when a time differs from what it should be, and (unless {@code dryRun})
     * sets it. As Ansible compares the file's float times with whole seconds, "now" always changes, and a set
     * time changes a file whose time has a fraction of a second.
     */
    String script(String path, boolean dryRun) {
        if (preservesBoth()) {
            return "true\n";
        }
        String touch = dryRun ? ": " : "touch ";
        String f = Sh.quote(path);
        if (modification == Setting.NOW && access == Setting.NOW) {
            return touch + "-- " + f + " || exit 1\necho changed\n";
        }
        StringBuilder script = new StringBuilder("ref=$(mktemp) || exit 1\nchanged=\n");
        script.append(one(modification, "-m", "%y", f, touch));
        script.append(one(access, "-a", "%x", f, touch));
        return script.append("rm -f \"$ref\"\nif [ -n \"$changed\" ]; then echo changed; fi\n").toString();
    }

    /** A set time is given to a scratch file first, so stat prints both in the same zone and precision. */
    private static String one(Setting setting, String which, String statFormat, String f, String touch) {
        if (setting == Setting.PRESERVE) {
            return "";
        }
        if (setting == Setting.NOW) {
            return touch + which + " -- " + f + " || exit 1\nchanged=1\n";
        }
        String stamp = "-t " + setting.stamp();
        return "touch " + which + " " + stamp + " \"$ref\" || exit 1\n"
                + "if [ \"$(stat -c " + statFormat + " \"$ref\")\" != \"$(stat -c " + statFormat + " " + f + ")\" ]; then "
                + touch + which + " " + stamp + " -- " + f + " || exit 1; changed=1; fi\n";
    }

    private static Setting setting(Object raw, String format, String unset) {
        String value = raw == null ? unset : raw instanceof Double d ? BigDecimal.valueOf(d).toPlainString()
                : String.valueOf(raw);
        return switch (value) {
            case "preserve" -> Setting.PRESERVE;
            case "now" -> Setting.NOW;
            default -> new Setting("at", touchStamp(value, format));
        };
    }

    /** Python's time.strptime for the numeric directives, as touch -t's CCYYMMDDhhmm.SS. */
    static String touchStamp(String value, String format) {
        Matcher matcher = strptimePattern(value, format).matcher(value);
        if (!matcher.matches()) {
            throw new ModuleException("Error while obtaining timestamp for time " + value + " using format " + format
                    + ": time data '" + value + "' does not match format '" + format + "'");
        }
        Map<Character, Integer> fields = new LinkedHashMap<>();
        DIRECTIVES.keySet().forEach(c -> {
            if (format.contains("%" + c)) {
                fields.put(c, Integer.parseInt(matcher.group(String.valueOf(c)).strip()));
            }
        });
        // Python's defaults for what the format leaves out, and its %y pivot (69-99 are 19xx)
        int year = fields.containsKey('Y') ? fields.get('Y')
                : fields.containsKey('y') ? fields.get('y') + (fields.get('y') < 69 ? 2000 : 1900) : 1900;
        return String.format(Locale.ROOT, "%04d%02d%02d%02d%02d.%02d", year, fields.getOrDefault('m', 1),
                fields.getOrDefault('d', 1), fields.getOrDefault('H', 0), fields.getOrDefault('M', 0),
                fields.getOrDefault('S', 0));
    }

    private static Pattern strptimePattern(String value, String format) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char directive = format.charAt(++i);
                if (directive == '%') {
                    regex.append('%');
                } else if (DIRECTIVES.containsKey(directive)) {
                    regex.append(DIRECTIVES.get(directive));
                } else {
                    throw new ModuleException("Error while obtaining timestamp for time " + value + " using format "
                            + format + ": playbake reads the directives %Y %y %m %d %H %M %S, not %" + directive);
                }
            } else if (Character.isWhitespace(c)) {
                // as Python's, a run of whitespace matches any run
                if (i == 0 || !Character.isWhitespace(format.charAt(i - 1))) {
                    regex.append("\\s+");
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
