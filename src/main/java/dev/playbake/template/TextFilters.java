package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyPaths;
import dev.playbake.python.PyTuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.playbake.template.FilterValues.arg;
import static dev.playbake.template.FilterValues.bool;
import static dev.playbake.template.FilterValues.list;
import static dev.playbake.template.FilterValues.str;
import static dev.playbake.template.FilterValues.toDouble;

/** Filters over strings and paths: regular expressions, os.path, shell quoting, comment, split, urlsplit, strftime. */
final class TextFilters {

    private TextFilters() {
    }

    /** The filters of this group, for the template environment. */
    static List<Filter> filters() {
        return List.of(
                new SimpleFilter("regex_replace", (v, a, k) -> regexReplace(str(v), str(arg(a, 0, "")),
                        str(arg(a, 1, "")), bool(k.getOrDefault("ignorecase", false)), bool(k.getOrDefault("multiline", false)))),
                new SimpleFilter("regex_search", (v, a, k) -> regexSearch(str(v), str(arg(a, 0, "")), a, k)),
                new SimpleFilter("regex_findall", (v, a, k) -> regexFindall(str(v), str(arg(a, 0, "")), k)),
                new SimpleFilter("regex_escape", (v, a, k) -> str(v).replaceAll("([\\\\^$.|?*+()\\[\\]{}])", "\\\\$1")),
                new SimpleFilter("basename", (v, a, k) -> PyPaths.basename(str(v))),
                new SimpleFilter("dirname", (v, a, k) -> PyPaths.dirname(str(v))),
                new SimpleFilter("splitext", (v, a, k) -> splitext(str(v))),
                new SimpleFilter("expanduser", (v, a, k) -> ExpandUser.expand(str(v),
                        LookupPlugins.bound(JinjavaInterpreter.getCurrent()).plugins().environment())),
                // on the controller, where the build context has no links: the path made absolute and normal
                new SimpleFilter("realpath", (v, a, k) -> java.nio.file.Path.of("/").resolve(str(v)).normalize().toString()),
                new SimpleFilter("path_join", (v, a, k) -> pathJoin(v)),
                new SimpleFilter("quote", (v, a, k) -> shellQuote(str(v))),
                new SimpleFilter("comment", (v, a, k) -> CommentFilter.comment(str(v),
                        str(a.length > 0 ? a[0] : k.getOrDefault("style", "plain")), withoutStyle(k))),
                new SimpleFilter("split", (v, a, k) -> split(str(v), a.length > 0 ? str(a[0]) : null)),
                new SimpleFilter("human_readable", (v, a, k) -> humanReadable(toDouble(v))),
                new SimpleFilter("urlsplit", (v, a, k) -> urlsplit(str(v), a.length > 0 ? str(a[0]) : null)),
                new SimpleFilter("strftime", (v, a, k) -> java.time.format.DateTimeFormatter.ofPattern(
                        strftimeToJava(str(v))).format(java.time.ZonedDateTime.now())));
    }

    /** Python's {@code re.sub}: {@code \1} and {@code \g<name>} backreferences. */
    static String regexReplace(String value, String pattern, String replacement, boolean ignoreCase, boolean multiline) {
        int flags = (ignoreCase ? Pattern.CASE_INSENSITIVE : 0) | (multiline ? Pattern.MULTILINE : 0);
        String javaReplacement = pythonReplacement(replacement);
        return Pattern.compile(pythonPattern(pattern), flags).matcher(value).replaceAll(javaReplacement);
    }

    static String pythonPattern(String pattern) {
        return pattern.replace("(?P<", "(?<").replaceAll("\\(\\?P=([A-Za-z_][A-Za-z0-9_]*)\\)", "\\\\k<$1>");
    }

    static String pythonReplacement(String replacement) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char next = replacement.charAt(i + 1);
                if (Character.isDigit(next)) {
                    out.append('$').append(next);
                    i++;
                    continue;
                }
                if (next == 'g' && i + 2 < replacement.length() && replacement.charAt(i + 2) == '<') {
                    int end = replacement.indexOf('>', i);
                    String group = replacement.substring(i + 3, end);
                    out.append(group.chars().allMatch(Character::isDigit) ? "$" + group : "${" + group + "}");
                    i = end;
                    continue;
                }
                if (next == 'n') {
                    out.append('\n');
                    i++;
                    continue;
                }
                out.append(Matcher.quoteReplacement(String.valueOf(next)));
                i++;
                continue;
            }
            out.append(c == '$' ? "\\$" : String.valueOf(c));
        }
        return out.toString();
    }

    private static Object regexSearch(String value, String pattern, Object[] args, Map<String, Object> kwargs) {
        int flags = (bool(kwargs.getOrDefault("ignorecase", false)) ? Pattern.CASE_INSENSITIVE : 0)
                | (bool(kwargs.getOrDefault("multiline", false)) ? Pattern.MULTILINE : 0);
        Matcher matcher = Pattern.compile(pythonPattern(pattern), flags).matcher(value);
        if (!matcher.find()) {
            return PyNone.NONE;
        }
        if (args.length <= 1) {
            return matcher.group();
        }
        List<Object> groups = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String ref = str(args[i]);
            if (ref.startsWith("\\g<")) {
                groups.add(matcher.group(ref.substring(3, ref.length() - 1)));
            } else if (ref.startsWith("\\")) {
                groups.add(matcher.group(Integer.parseInt(ref.substring(1))));
            }
        }
        return groups;
    }

    private static Object regexFindall(String value, String pattern, Map<String, Object> kwargs) {
        int flags = (bool(kwargs.getOrDefault("ignorecase", false)) ? Pattern.CASE_INSENSITIVE : 0)
                | (bool(kwargs.getOrDefault("multiline", false)) ? Pattern.MULTILINE : 0);
        Matcher matcher = Pattern.compile(pythonPattern(pattern), flags).matcher(value);
        List<Object> found = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.groupCount() == 0) {
                found.add(matcher.group());
            } else if (matcher.groupCount() == 1) {
                found.add(matcher.group(1));
            } else {
                List<Object> groups = new ArrayList<>();
                for (int i = 1; i <= matcher.groupCount(); i++) {
                    groups.add(matcher.group(i));
                }
                found.add(groups);
            }
        }
        return found;
    }

    private static List<Object> splitext(String path) {
        String base = PyPaths.basename(path);
        int dot = base.lastIndexOf('.');
        if (dot <= 0) {
            return new PyTuple(List.of(path, ""));
        }
        int cut = path.length() - (base.length() - dot);
        return new PyTuple(List.of(path.substring(0, cut), path.substring(cut)));
    }

    private static String pathJoin(Object parts) {
        StringBuilder out = new StringBuilder();
        for (Object part : list(parts)) {
            String p = str(part);
            if (p.startsWith("/")) {
                out.setLength(0);
                out.append(p);
            } else {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '/') {
                    out.append('/');
                }
                out.append(p);
            }
        }
        return out.toString();
    }

    /** Python's shlex.quote. */
    static String shellQuote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        if (value.matches("[A-Za-z0-9@%+=:,./_-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    private static Map<String, Object> withoutStyle(Map<String, Object> kwargs) {
        Map<String, Object> options = new java.util.LinkedHashMap<>(kwargs);
        options.remove("style");
        return options;
    }

    private static List<Object> split(String value, String separator) {
        if (separator == null) {
            return new ArrayList<>(List.of(value.strip().split("\\s+")));
        }
        return new ArrayList<>(List.of(value.split(Pattern.quote(separator), -1)));
    }

    private static String humanReadable(double bytes) {
        String[] units = {"Bytes", "KB", "MB", "GB", "TB", "PB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", bytes, units[unit]);
    }

    private static Object urlsplit(String url, String part) {
        java.net.URI uri = java.net.URI.create(url);
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("fragment", uri.getRawFragment() == null ? "" : uri.getRawFragment());
        parts.put("hostname", uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT));
        parts.put("netloc", uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
        parts.put("password", uri.getUserInfo() != null && uri.getUserInfo().contains(":")
                ? uri.getUserInfo().substring(uri.getUserInfo().indexOf(':') + 1) : PyNone.NONE);
        parts.put("path", uri.getRawPath() == null ? "" : uri.getRawPath());
        parts.put("port", uri.getPort() < 0 ? PyNone.NONE : uri.getPort());
        parts.put("query", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        parts.put("scheme", uri.getScheme() == null ? "" : uri.getScheme());
        parts.put("username", uri.getUserInfo() == null ? PyNone.NONE : uri.getUserInfo().split(":")[0]);
        return part == null ? parts : parts.get(part);
    }

    private static String strftimeToJava(String format) {
        return format.replace("%Y", "yyyy").replace("%m", "MM").replace("%d", "dd").replace("%H", "HH")
                .replace("%M", "mm").replace("%S", "ss").replace("%y", "yy").replace("%b", "MMM").replace("%a", "EEE");
    }
}
