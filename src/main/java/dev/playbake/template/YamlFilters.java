package dev.playbake.template;

import dev.playbake.python.PyNone;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code to_yaml} and {@code to_nice_yaml}: PyYAML's {@code yaml.dump} as Ansible calls it, with its keyword
 * options (indent, width, sort_keys, explicit_start, explicit_end, default_flow_style, default_style,
 * allow_unicode). SnakeYAML's emitter is a port of PyYAML's; what differs is set back here: PyYAML's YAML 1.1
 * implicit types decide what needs quotes ({@code 08} is a plain string), and a multi-line string is
 * quoted rather than a literal block.
 */
final class YamlFilters {

    private static final Set<String> OPTIONS = Set.of("indent", "width", "sort_keys", "explicit_start",
            "explicit_end", "default_flow_style", "default_style", "allow_unicode");

    private YamlFilters() {
    }

    static List<SimpleFilter> filters() {
        return List.of(
                // to_yaml(a, **kw): PyYAML's default_flow_style=None, flow only for collections of scalars
                new SimpleFilter("to_yaml", (v, a, k) -> dump("to_yaml", v, withDefault(k, "default_flow_style",
                        PyNone.NONE))),
                // to_nice_yaml(a, indent=4, **kw): block style
                new SimpleFilter("to_nice_yaml", (v, a, k) -> {
                    Map<String, Object> options = withDefault(k, "indent", a.length > 0 ? a[0] : 4);
                    if (options.containsKey("default_flow_style")) {
                        throw new TemplateException("to_nice_yaml: got multiple values for 'default_flow_style'");
                    }
                    options.put("default_flow_style", false);
                    return dump("to_nice_yaml", v, options);
                }));
    }

    private static Map<String, Object> withDefault(Map<String, Object> given, String key, Object value) {
        Map<String, Object> options = new LinkedHashMap<>(given);
        options.putIfAbsent(key, value);
        return options;
    }

    private static String dump(String filter, Object value, Map<String, Object> options) {
        for (String name : options.keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new TemplateException(filter + ": dump_all() got an unexpected keyword argument '" + name + "'");
            }
        }
        DumperOptions dumper = new DumperOptions();
        Object flow = options.get("default_flow_style");
        dumper.setDefaultFlowStyle(flow instanceof Boolean b
                ? (b ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK) : DumperOptions.FlowStyle.AUTO);
        // PyYAML keeps its defaults (indent 2, width 80) for values outside these ranges
        int indent = integer(options.getOrDefault("indent", 2), 2);
        dumper.setIndent(indent > 1 && indent < 10 ? indent : 2);
        int width = integer(options.getOrDefault("width", 80), 80);
        dumper.setWidth(width > dumper.getIndent() * 2 ? width : 80);
        dumper.setSplitLines(true);
        dumper.setExplicitStart(Templar.truthy(options.get("explicit_start")));
        dumper.setExplicitEnd(Templar.truthy(options.get("explicit_end")));
        dumper.setAllowUnicode(!Boolean.FALSE.equals(options.get("allow_unicode")));
        dumper.setDefaultScalarStyle(scalarStyle(options.get("default_style")));
        boolean sortKeys = !Boolean.FALSE.equals(options.getOrDefault("sort_keys", true));
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new PyRepresenter(dumper), dumper,
                new PyYamlResolver());
        return yaml.dump(plain(Templar.toJava(value), sortKeys));
    }

    private static int integer(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static DumperOptions.ScalarStyle scalarStyle(Object style) {
        String given = style == null || style == PyNone.NONE ? "" : String.valueOf(style);
        return switch (given) {
            case "" -> DumperOptions.ScalarStyle.PLAIN;
            case "\"" -> DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            case "'" -> DumperOptions.ScalarStyle.SINGLE_QUOTED;
            case "|" -> DumperOptions.ScalarStyle.LITERAL;
            case ">" -> DumperOptions.ScalarStyle.FOLDED;
            default -> throw new TemplateException("yaml.dump: default_style must be one of \" ' | >, got '" + given + "'");
        };
    }

    /** Keys as strings, sorted when PyYAML sorts them (sort_keys=True, its default). */
    private static Object plain(Object value, boolean sortKeys) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = sortKeys ? new TreeMap<>() : new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), plain(v, sortKeys)));
            return new LinkedHashMap<>(result);
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(plain(item, sortKeys)));
            return result;
        }
        return value == PyNone.NONE ? null : value;
    }

    /** Strings as plain scalars, left to the emitter to quote, as PyYAML's representer does. */
    private static final class PyRepresenter extends Representer {
        PyRepresenter(DumperOptions options) {
            super(options);
            representers.put(String.class, data -> representScalar(Tag.STR, data.toString(), defaultScalarStyle));
        }
    }

    /** PyYAML's YAML 1.1 implicit resolvers, which decide whether a string must be quoted to stay one. */
    private static final class PyYamlResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile(
                    "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"), "yYnNtTfFoO");
            addImplicitResolver(Tag.FLOAT, Pattern.compile("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"), "-+0123456789.");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"), "-+0123456789");
            addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL|)$"), "~nN");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
            addImplicitResolver(Tag.TIMESTAMP, Pattern.compile("^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                    + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
                    + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"), "0123456789");
            addImplicitResolver(new Tag("tag:yaml.org,2002:value"), Pattern.compile("^(?:=)$"), "=");
            addImplicitResolver(Tag.YAML, Pattern.compile("^(?:!|&|\\*)$"), "!&*");
        }
    }
}
