package dev.playbake.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.playbake.python.PyPaths;
import dev.playbake.python.PyStrings;
import dev.playbake.python.PyTuple;
import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.DigestUtils;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Representer;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's own filters (and the Jinja2 ones whose jinjava versions differ from Python's). */
final class AnsibleFilters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnsibleFilters() {
    }

    /** A filter body: the piped value, positional arguments, keyword arguments. */
    private interface Body {
        Object apply(Object value, Object[] args, Map<String, Object> kwargs);
    }

    private record SimpleFilter(String name, Body body) implements Filter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return body.apply(Templar.toJava(var), args, Map.of());
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object[] plain = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                plain[i] = Templar.toJava(args[i]);
            }
            Map<String, Object> plainKwargs = new LinkedHashMap<>();
            kwargs.forEach((k, v) -> plainKwargs.put(k, Templar.toJava(v)));
            return body.apply(Templar.toJava(var), plain, plainKwargs);
        }
    }

    static void register(Context context) {
        List<Filter> filters = List.of(
                new SimpleFilter("to_json", (v, a, k) -> json(v, false, 4, bool(k.getOrDefault("sort_keys", false)))),
                new SimpleFilter("to_nice_json", (v, a, k) -> json(v, true, intArg(k.getOrDefault("indent", 4), 4), true)),
                new SimpleFilter("from_json", (v, a, k) -> fromJson(String.valueOf(v))),
                new SimpleFilter("to_yaml", (v, a, k) -> yaml(v, false)),
                new SimpleFilter("to_nice_yaml", (v, a, k) -> yaml(v, true)),
                new SimpleFilter("from_yaml", (v, a, k) -> fromYaml(String.valueOf(v))),
                new SimpleFilter("from_yaml_all", (v, a, k) -> fromYamlAll(String.valueOf(v))),
                new SimpleFilter("bool", (v, a, k) -> bool(v)),
                new SimpleFilter("int", (v, a, k) -> toInt(v, a.length > 0 ? a[0] : k.getOrDefault("default", 0),
                        a.length > 1 ? intArg(a[1], 10) : intArg(k.getOrDefault("base", 10), 10))),
                new SimpleFilter("string", (v, a, k) -> PyStrings.str(v)),
                new SimpleFilter("regex_replace", (v, a, k) -> regexReplace(str(v), str(arg(a, 0, "")),
                        str(arg(a, 1, "")), bool(k.getOrDefault("ignorecase", false)), bool(k.getOrDefault("multiline", false)))),
                new SimpleFilter("regex_search", (v, a, k) -> regexSearch(str(v), str(arg(a, 0, "")), a, k)),
                new SimpleFilter("regex_findall", (v, a, k) -> regexFindall(str(v), str(arg(a, 0, "")), k)),
                new SimpleFilter("regex_escape", (v, a, k) -> str(v).replaceAll("([\\\\^$.|?*+()\\[\\]{}])", "\\\\$1")),
                new SimpleFilter("basename", (v, a, k) -> PyPaths.basename(str(v))),
                new SimpleFilter("dirname", (v, a, k) -> PyPaths.dirname(str(v))),
                new SimpleFilter("splitext", (v, a, k) -> splitext(str(v))),
                new SimpleFilter("expanduser", (v, a, k) -> ExpandUser.expand(str(v))),
                // on the controller, where the build context has no links: the path made absolute and normal
                new SimpleFilter("realpath", (v, a, k) -> java.nio.file.Path.of("/").resolve(str(v)).normalize().toString()),
                new SimpleFilter("path_join", (v, a, k) -> pathJoin(v)),
                new SimpleFilter("quote", (v, a, k) -> shellQuote(str(v))),
                new SimpleFilter("b64encode", (v, a, k) -> Base64.getEncoder().encodeToString(str(v).getBytes(StandardCharsets.UTF_8))),
                new SimpleFilter("b64decode", (v, a, k) -> new String(Base64.getMimeDecoder().decode(str(v)), StandardCharsets.UTF_8)),
                new SimpleFilter("hash", (v, a, k) -> hash(str(v), str(arg(a, 0, "sha1")))),
                new SimpleFilter("checksum", (v, a, k) -> DigestUtils.sha1Hex(str(v))),
                new SimpleFilter("md5", (v, a, k) -> DigestUtils.md5Hex(str(v))),
                new SimpleFilter("sha1", (v, a, k) -> DigestUtils.sha1Hex(str(v))),
                new SimpleFilter("password_hash", (v, a, k) -> passwordHash(str(v), str(arg(a, 0, "sha512")),
                        a.length > 1 ? str(a[1]) : (String) k.get("salt"))),
                new SimpleFilter("combine", AnsibleFilters::combine),
                new SimpleFilter("dictsort", (v, a, k) -> dictsort(v, bool(arg(a, 0, k.getOrDefault("case_sensitive", false))),
                        str(arg(a, 1, k.getOrDefault("by", "key"))), bool(arg(a, 2, k.getOrDefault("reverse", false))))),
                new SimpleFilter("dict2items", (v, a, k) -> dict2items(v, str(k.getOrDefault("key_name", "key")),
                        str(k.getOrDefault("value_name", "value")))),
                new SimpleFilter("items2dict", (v, a, k) -> items2dict(v, str(k.getOrDefault("key_name", "key")),
                        str(k.getOrDefault("value_name", "value")))),
                new SimpleFilter("ternary", (v, a, k) -> (v == null || v == PyNone.NONE) && a.length > 2 ? a[2]
                        : Templar.truthy(v) ? arg(a, 0, null) : arg(a, 1, null)),
                new SimpleFilter("flatten", (v, a, k) -> flatten(list(v), a.length > 0 ? intArg(a[0], 0)
                        : intArg(k.getOrDefault("levels", -1), -1))),
                new SimpleFilter("unique", (v, a, k) -> new ArrayList<>(new LinkedHashSet<>(list(v)))),
                new SimpleFilter("union", (v, a, k) -> {
                    LinkedHashSet<Object> set = new LinkedHashSet<>(list(v));
                    set.addAll(list(arg(a, 0, List.of())));
                    return new ArrayList<>(set);
                }),
                new SimpleFilter("intersect", (v, a, k) -> {
                    List<Object> other = list(arg(a, 0, List.of()));
                    return new ArrayList<>(new LinkedHashSet<>(list(v).stream().filter(other::contains).toList()));
                }),
                new SimpleFilter("difference", (v, a, k) -> {
                    List<Object> other = list(arg(a, 0, List.of()));
                    return new ArrayList<>(new LinkedHashSet<>(list(v).stream().filter(x -> !other.contains(x)).toList()));
                }),
                new SimpleFilter("symmetric_difference", (v, a, k) -> {
                    List<Object> left = list(v);
                    List<Object> right = list(arg(a, 0, List.of()));
                    LinkedHashSet<Object> set = new LinkedHashSet<>(left.stream().filter(x -> !right.contains(x)).toList());
                    set.addAll(right.stream().filter(x -> !left.contains(x)).toList());
                    return new ArrayList<>(set);
                }),
                new SimpleFilter("zip", (v, a, k) -> tuples(zip(v, a, false))),
                new SimpleFilter("zip_longest", (v, a, k) -> zip(v, a, true)),
                new SimpleFilter("product", (v, a, k) -> tuples(product(v, a, k))),
                new SimpleFilter("min", (v, a, k) -> list(v).stream().min(byAttribute(k.get("attribute"), false)).orElse(null)),
                new SimpleFilter("max", (v, a, k) -> list(v).stream().max(byAttribute(k.get("attribute"), false)).orElse(null)),
                new SimpleFilter("sort", (v, a, k) -> sort(list(v), bool(arg(a, 0, k.getOrDefault("reverse", false))),
                        bool(arg(a, 1, k.getOrDefault("case_sensitive", false))), arg(a, 2, k.get("attribute")))),
                new SimpleFilter("batch", (v, a, k) -> batch(list(v), intArg(arg(a, 0, 1), 1), arg(a, 1, k.get("fill_with")))),
                new SimpleFilter("slice", (v, a, k) -> slices(list(v), intArg(arg(a, 0, 1), 1), arg(a, 1, k.get("fill_with")))),
                new SimpleFilter("random", RandomFilters::random),
                new SimpleFilter("shuffle", RandomFilters::shuffle),
                new SimpleFilter("type_debug", (v, a, k) -> typeName(v)),
                new SimpleFilter("to_uuid", (v, a, k) -> UUID.nameUUIDFromBytes(str(v).getBytes(StandardCharsets.UTF_8)).toString()),
                new SimpleFilter("comment", (v, a, k) -> comment(str(v))),
                new SimpleFilter("split", (v, a, k) -> split(str(v), a.length > 0 ? str(a[0]) : null)),
                new SimpleFilter("extract", (v, a, k) -> {
                    Object container = arg(a, 0, null);
                    if (container instanceof Map<?, ?> m) {
                        return m.get(String.valueOf(v));
                    }
                    if (container instanceof List<?> l && v instanceof Number n) {
                        return l.get(n.intValue());
                    }
                    return null;
                }),
                new SimpleFilter("subelements", (v, a, k) -> Loops.subelements(list(v), str(arg(a, 0, "")), false)),
                new SimpleFilter("human_readable", (v, a, k) -> humanReadable(toDouble(v))),
                new SimpleFilter("urlsplit", (v, a, k) -> urlsplit(str(v), a.length > 0 ? str(a[0]) : null)),
                new SimpleFilter("strftime", (v, a, k) -> java.time.format.DateTimeFormatter.ofPattern(
                        strftimeToJava(str(v))).format(java.time.ZonedDateTime.now())));
        filters.forEach(context::registerFilter);
        context.registerFilter(new AttributeMapFilter());
        context.registerFilter(new MandatoryFilter());
        context.registerFilter(new AnsibleDefaultFilter("default"));
        context.registerFilter(new AnsibleDefaultFilter("d"));
        context.registerFilter(new TruthFilter(new com.hubspot.jinjava.lib.filter.SelectFilter(), true));
        context.registerFilter(new TruthFilter(new com.hubspot.jinjava.lib.filter.RejectFilter(), false));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** zip and product yield Python tuples. */
    private static List<Object> tuples(Object lists) {
        List<Object> result = new ArrayList<>();
        list(lists).forEach(item -> result.add(new PyTuple(list(item))));
        return result;
    }

    /** Jinja2's sort key: an attribute path (dots, indexes) or the item, strings case-blind unless asked. */
    private static java.util.Comparator<Object> byAttribute(Object attribute, boolean caseSensitive) {
        String[] path = attribute == null ? new String[0] : str(attribute).split("\\.");
        return (x, y) -> compare(sortKey(attributeOf(x, path), caseSensitive), sortKey(attributeOf(y, path), caseSensitive));
    }

    private static Object attributeOf(Object item, String[] path) {
        Object current = item;
        for (String key : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> l && key.matches("\\d+") && Integer.parseInt(key) < l.size()) {
                current = l.get(Integer.parseInt(key));
            } else {
                return null;
            }
        }
        return current;
    }

    private static List<Object> sort(List<Object> items, boolean reverse, boolean caseSensitive, Object attribute) {
        List<Object> sorted = new ArrayList<>(items);
        java.util.Comparator<Object> order = byAttribute(attribute, caseSensitive);
        sorted.sort(reverse ? order.reversed() : order);
        return sorted;
    }

    /** Jinja2's batch: chunks of {@code size}, the last padded only when {@code fill} is given. */
    private static List<Object> batch(List<Object> items, int size, Object fill) {
        List<Object> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            List<Object> chunk = new ArrayList<>(items.subList(i, Math.min(items.size(), i + size)));
            while (fill != null && chunk.size() < size) {
                chunk.add(fill);
            }
            batches.add(chunk);
        }
        return batches;
    }

    /** Jinja2's slice: {@code count} columns, the first ones one longer when the items do not divide evenly. */
    private static List<Object> slices(List<Object> items, int count, Object fill) {
        List<Object> columns = new ArrayList<>();
        int per = items.size() / count;
        int withExtra = items.size() % count;
        int offset = 0;
        for (int n = 0; n < count; n++) {
            int start = offset + n * per;
            if (n < withExtra) {
                offset++;
            }
            int end = offset + (n + 1) * per;
            List<Object> column = new ArrayList<>(items.subList(start, end));
            if (fill != null && n >= withExtra) {
                column.add(fill);
            }
            columns.add(column);
        }
        return columns;
    }

    /** Jinja2's dictsort: (key, value) tuples ordered by key or value, strings case-blind unless asked. */
    private static List<PyTuple> dictsort(Object value, boolean caseSensitive, String by, boolean reverse) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("dictsort: a dict is required");
        }
        int index = "value".equals(by) ? 1 : 0;
        java.util.Comparator<PyTuple> order = (x, y) -> compare(sortKey(x.get(index), caseSensitive),
                sortKey(y.get(index), caseSensitive));
        List<PyTuple> items = new ArrayList<>();
        map.forEach((k, v) -> items.add(new PyTuple(java.util.Arrays.asList(k, v))));
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    private static Object sortKey(Object value, boolean caseSensitive) {
        return value instanceof String s && !caseSensitive ? s.toLowerCase(Locale.ROOT) : value;
    }

    static Object arg(Object[] args, int index, Object fallback) {
        return args.length > index ? args[index] : fallback;
    }

    static String str(Object value) {
        return PyStrings.str(value);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value == null || value == PyNone.NONE) {
            return new ArrayList<>();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        return new ArrayList<>(List.of(value));
    }

    /** Ansible's bool filter: yes/on/1/true (any case) are true. */
    static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 1;
        }
        if (value == null || value == PyNone.NONE) {
            return false;
        }
        return List.of("yes", "on", "1", "true", "y", "t").contains(String.valueOf(value).strip().toLowerCase(Locale.ROOT));
    }

    static Object toInt(Object value, Object fallback, int base) {
        if (value instanceof Number n) {
            return n instanceof Double || n instanceof Float ? (int) n.doubleValue() : n;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        String text = String.valueOf(value).strip();
        try {
            if (base != 10) {
                String digits = text.toLowerCase(Locale.ROOT).replaceFirst("^0[xob]", "");
                return Integer.parseInt(digits, base);
            }
            long parsed = text.contains(".") ? (long) Double.parseDouble(text) : Long.parseLong(text);
            return parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE ? (Object) (int) parsed : parsed;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int intArg(Object value, int fallback) {
        return toInt(value, fallback, 10) instanceof Number n ? n.intValue() : fallback;
    }

    private static double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String json(Object value, boolean pretty) {
        return json(value, pretty, 4, pretty);
    }

    private static String json(Object value, boolean pretty, int indent, boolean sortKeys) {
        try {
            ObjectMapper mapper = sortKeys ? JSON.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    : JSON;
            if (pretty) {
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter(" ".repeat(indent), "\n"))
                        .withArrayIndenter(new DefaultIndenter(" ".repeat(indent), "\n"));
                return mapper.writer(printer).writeValueAsString(jsonable(value)).replace(" : ", ": ");
            }
            return mapper.writeValueAsString(jsonable(value)).replace("\":", "\": ").replace(",\"", ", \"")
                    .replaceAll(",(?=[\\[{0-9tfn-])", ", ");
        } catch (JsonProcessingException e) {
            throw new TemplateException("to_json: " + e.getOriginalMessage());
        }
    }

    private static Object jsonable(Object value) {
        return value == PyNone.NONE ? null : value;
    }

    private static Object fromJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new TemplateException("from_json: not JSON: " + e.getOriginalMessage());
        }
    }

    static String yaml(Object value, boolean pretty) {
        DumperOptions options = new DumperOptions();
        // to_yaml is PyYAML's default_flow_style=None: flow only for collections of scalars
        options.setDefaultFlowStyle(pretty ? DumperOptions.FlowStyle.BLOCK : DumperOptions.FlowStyle.AUTO);
        options.setIndent(pretty ? 4 : 2);
        options.setIndicatorIndent(pretty ? 0 : 0);
        options.setWidth(pretty ? 80 : Integer.MAX_VALUE);
        options.setSplitLines(pretty);
        Yaml yaml = new Yaml(new Representer(options), options);
        return yaml.dump(sortedKeys(jsonable(value)));
    }

    /** PyYAML's dump sorts mapping keys (sort_keys=True), so Ansible's YAML filters print them sorted. */
    private static Object sortedKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), sortedKeys(v)));
            return new LinkedHashMap<>(sorted);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(sortedKeys(item)));
            return out;
        }
        return value;
    }

    private static Object fromYaml(String text) {
        return Templar.toJava(new Yaml(new LoaderOptions()).load(text));
    }

    private static Object fromYamlAll(String text) {
        List<Object> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(text).forEach(d -> documents.add(Templar.toJava(d)));
        return documents;
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

    private static String hash(String value, String algorithm) {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "md5" -> DigestUtils.md5Hex(value);
            case "sha1" -> DigestUtils.sha1Hex(value);
            case "sha224" -> new DigestUtils("SHA-224").digestAsHex(value);
            case "sha256" -> DigestUtils.sha256Hex(value);
            case "sha384" -> DigestUtils.sha384Hex(value);
            case "sha512" -> DigestUtils.sha512Hex(value);
            default -> throw new TemplateException("hash: unsupported algorithm '" + algorithm + "'");
        };
    }

    private static String passwordHash(String password, String scheme, String salt) {
        String prefix = switch (scheme) {
            case "sha512", "sha512_crypt" -> "$6$";
            case "sha256", "sha256_crypt" -> "$5$";
            case "md5", "md5_crypt" -> "$1$";
            default -> throw new TemplateException("password_hash: unsupported scheme '" + scheme
                    + "' (sha512, sha256 and md5 are)");
        };
        String actualSalt = salt == null ? randomSalt() : salt;
        // ansible-core 2.14 names the rounds it uses in the hash (the schemes' defaults, as passlib's)
        String rounds = switch (prefix) {
            case "$6$" -> "rounds=656000$";
            case "$5$" -> "rounds=535000$";
            default -> "";
        };
        return Crypt.crypt(password, prefix + rounds + actualSalt);
    }

    private static String randomSalt() {
        String alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        SecureRandom random = new SecureRandom();
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            salt.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return salt.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object combine(Object value, Object[] args, Map<String, Object> kwargs) {
        boolean recursive = bool(kwargs.getOrDefault("recursive", false));
        String listMerge = str(kwargs.getOrDefault("list_merge", "replace"));
        Map<String, Object> result = new LinkedHashMap<>((Map<String, Object>) value);
        List<Object> others = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof List<?> list) {
                others.addAll(list);
            } else {
                others.add(arg);
            }
        }
        for (Object other : others) {
            merge(result, (Map<String, Object>) other, recursive, listMerge);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from, boolean recursive, String listMerge) {
        from.forEach((key, value) -> {
            Object existing = into.get(key);
            if (recursive && existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) a);
                merge(merged, (Map<String, Object>) b, true, listMerge);
                into.put(key, merged);
            } else if (existing instanceof List<?> a && value instanceof List<?> b && !listMerge.equals("replace")) {
                List<Object> merged = new ArrayList<>();
                switch (listMerge) {
                    case "append" -> { merged.addAll(a); merged.addAll(b); }
                    case "prepend" -> { merged.addAll(b); merged.addAll(a); }
                    case "append_rp" -> { merged.addAll(a.stream().filter(x -> !b.contains(x)).toList()); merged.addAll(b); }
                    case "prepend_rp" -> { merged.addAll(b); merged.addAll(a.stream().filter(x -> !b.contains(x)).toList()); }
                    case "keep" -> merged.addAll(a);
                    default -> throw new TemplateException("combine: unknown list_merge '" + listMerge + "'");
                }
                into.put(key, merged);
            } else {
                into.put(key, value);
            }
        });
    }

    private static List<Object> dict2items(Object value, String keyName, String valueName) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException("dict2items requires a dictionary, got " + typeName(value));
        }
        List<Object> items = new ArrayList<>();
        map.forEach((k, v) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, v);
            items.add(item);
        });
        return items;
    }

    private static Map<String, Object> items2dict(Object value, String keyName, String valueName) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Object item : list(value)) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new TemplateException("items2dict requires a list of dictionaries");
            }
            result.put(String.valueOf(map.get(keyName)), map.get(valueName));
        }
        return result;
    }

    private static List<Object> flatten(List<Object> value, int levels) {
        List<Object> result = new ArrayList<>();
        for (Object item : value) {
            if (item instanceof List<?> inner && levels != 0) {
                result.addAll(flatten(new ArrayList<>(inner), levels - 1));
            } else if (item != null && item != PyNone.NONE) {
                result.add(item);
            }
        }
        return result;
    }

    private static List<Object> zip(Object value, Object[] args, boolean longest) {
        List<List<Object>> lists = new ArrayList<>();
        lists.add(list(value));
        for (Object arg : args) {
            lists.add(list(arg));
        }
        int size = lists.stream().mapToInt(List::size).reduce(longest ? 0 : Integer.MAX_VALUE,
                longest ? Math::max : Math::min);
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<Object> tuple = new ArrayList<>();
            for (List<Object> l : lists) {
                tuple.add(i < l.size() ? l.get(i) : null);
            }
            result.add(tuple);
        }
        return result;
    }

    private static Object product(Object value, Object[] args, Map<String, Object> kwargs) {
        List<List<Object>> result = new ArrayList<>();
        result.add(new ArrayList<>());
        List<List<Object>> lists = new ArrayList<>();
        lists.add(list(value));
        for (Object arg : args) {
            lists.add(list(arg));
        }
        for (List<Object> l : lists) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : result) {
                for (Object item : l) {
                    List<Object> combined = new ArrayList<>(prefix);
                    combined.add(item);
                    next.add(combined);
                }
            }
            result = next;
        }
        return new ArrayList<Object>(result);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable c && a.getClass().isInstance(b)) {
            return c.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    static String typeName(Object value) {
        if (value == null || value == PyNone.NONE) {
            return "NoneType";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "int";
        }
        if (value instanceof Number) {
            return "float";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "dict";
        }
        return value.getClass().getSimpleName();
    }

    private static String comment(String text) {
        StringBuilder out = new StringBuilder("#\n");
        for (String line : text.split("\n", -1)) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        return out.append('#').toString();
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
