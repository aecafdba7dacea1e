package dev.playbake.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyRegex;
import dev.playbake.python.PyStrings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ansible's lookup plugins ({@code lookup('file', …)}, {@code query('fileglob', …)}) and the
 * {@code with_*} loops built on them. They read the playbook's own files, never the machine's.
 */
public final class LookupPlugins {

    /** Not an identifier a template could name, so no expression reaches these objects. */
    static final String CONTEXT_KEY = "playbake lookups";

    /** The plugins with the templar and variables of the template being rendered. */
    record Bound(LookupPlugins plugins, Templar templar, Variables vars) {
    }

    /** What the interpreter renders with. */
    static Bound bound(JinjavaInterpreter interpreter) {
        return (Bound) interpreter.getContext().get(CONTEXT_KEY);
    }

    private final FileFinder files;
    private final PasswordLookup passwords;
    private final ControllerEnvironment environment;
    private final UrlLookup urls;

    /** Password lookups keep their passwords in memory, for this object's lifetime; env is the process's; no HTTP. */
    public LookupPlugins(FileFinder files) {
        this(files, PasswordStore.inMemory(), ControllerEnvironment.process(Map.of()), UrlFetcher.none());
    }

    public LookupPlugins(FileFinder files, PasswordStore passwords, ControllerEnvironment environment,
            UrlFetcher urls) {
        this.files = files;
        this.passwords = new PasswordLookup(passwords);
        this.environment = environment;
        this.urls = new UrlLookup(urls);
    }

    FileFinder files() {
        return files;
    }

    ControllerEnvironment environment() {
        return environment;
    }

    /** Runs a lookup; the result is always a list, as {@code query} returns it. */
    public List<Object> query(String name, List<Object> terms, Templar templar, Variables vars) {
        return query(name, terms, templar, vars, "files");
    }

    /**
     * Runs a lookup whose files are looked for under {@code subdir} of a role first: a {@code with_*}
     * loop on a template task looks in templates/, on include_vars in vars/, as Ansible's task executor sets it.
     */
    public List<Object> query(String name, List<Object> terms, Templar templar, Variables vars, String subdir) {
        return query(name, terms, Map.of(), templar, vars, subdir);
    }

    /**
     * {@code options}: the plugin's own keyword arguments ({@code default=}, {@code skip=}, url's); others are
     * ignored.
     */
    private List<Object> query(String name, List<Object> terms, Map<String, Object> options, Templar templar,
            Variables vars, String subdir) {
        return switch (shortName(name)) {
            case "items" -> Loops.items(terms);
            case "list" -> new ArrayList<>(terms);
            case "flattened" -> flatten(terms);
            case "indexed_items" -> indexed(terms);
            case "dict" -> terms.isEmpty() ? List.of() : Loops.dict(terms.get(0));
            case "together" -> Loops.together(terms);
            case "nested" -> Loops.nested(terms);
            case "sequence" -> terms.stream().flatMap(t -> Loops.sequence(String.valueOf(t)).stream()).toList();
            case "subelements" -> SubelementsLookup.run(terms);
            case "fileglob" -> terms.stream().flatMap(t -> files.glob(subdir, String.valueOf(t), vars).stream())
                    .map(p -> (Object) p).toList();
            case "file" -> terms.stream().map(t -> (Object) text(find(subdir, t, vars)).stripTrailing()).toList();
            case "template" -> terms.stream()
                    .map(t -> (Object) templar.renderText(text(find("templates", t, vars)), vars)).toList();
            case "first_found" -> firstFound(terms, vars, subdir, FilterValues.bool(options.getOrDefault("skip", false)));
            case "vars" -> terms.stream().map(t -> vars.raw(String.valueOf(t))
                    .map(v -> templar.template(v, vars))
                    .or(() -> Optional.ofNullable(options.get("default")))
                    .orElseThrow(() -> new TemplateException("lookup('vars'): '" + t + "' is undefined"))).toList();
            case "varnames" -> varnames(terms, vars);
            case "password" -> terms.stream().map(t -> (Object) passwords.lookup(String.valueOf(t))).toList();
            case "env" -> terms.stream().map(t -> environment.variable(String.valueOf(t))
                    .map(Object.class::cast).orElse(options.getOrDefault("default", ""))).toList();
            case "url" -> urls.run(terms, options);
            case "pipe", "lines" -> throw new Unsupported("lookup('" + name + "') runs a command on the "
                    + "controller, which a build does not have: use a command task and register its output");
            default -> throw new Unsupported("lookup plugin '" + name + "' is not supported (supported: items, "
                    + "list, dict, together, nested, sequence, subelements, fileglob, file, template, first_found, "
                    + "vars, varnames, env, indexed_items, flattened, password, url)");
        };
    }

    /**
     * A lookup's name as playbake knows it: {@code ansible.builtin.}/{@code ansible.legacy.} dropped, and
     * {@code community.general.flattened}, where ansible-core 2.14 redirects {@code flattened}.
     */
    private static String shortName(String name) {
        for (String prefix : List.of("ansible.builtin.", "ansible.legacy.")) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name.equals("community.general.flattened") ? "flattened" : name;
    }

    /** The names of the variables each regex term finds (re.search), in the order Ansible's variables have them. */
    private static List<Object> varnames(List<Object> terms, Variables vars) {
        List<Object> names = new ArrayList<>();
        for (Object term : terms) {
            if (!(term instanceof String regex)) {
                throw new TemplateException("Invalid setting identifier, \"" + PyStrings.str(term) + "\" is not a "
                        + "string, it is a " + FilterValues.typeName(term));
            }
            Pattern pattern = PyRegex.compile(regex, 0).pattern();
            vars.names().stream().filter(n -> pattern.matcher(n).find()).forEach(names::add);
        }
        return names;
    }

    private FileFinder.Found find(String kind, Object term, Variables vars) {
        return files.find(kind, String.valueOf(term), vars).orElseThrow(() ->
                new TemplateException("lookup: could not find '" + term + "' in the playbook's " + kind));
    }

    private static String text(FileFinder.Found found) {
        return new String(found.content(), StandardCharsets.UTF_8);
    }

    private List<Object> firstFound(List<Object> terms, Variables vars, String subdir, boolean skip) {
        List<Object> candidates = new ArrayList<>();
        for (Object term : terms) {
            if (term instanceof Map<?, ?> spec) {
                skip = skip || FilterValues.bool(spec.containsKey("skip") ? spec.get("skip") : false);
                List<Object> names = FilterValues.list(spec.get("files"));
                List<Object> paths = spec.containsKey("paths") ? FilterValues.list(spec.get("paths")) : List.of("");
                for (Object path : paths) {
                    for (Object name : names) {
                        candidates.add(path.toString().isEmpty() ? name : path + "/" + name);
                    }
                }
            } else {
                candidates.addAll(FilterValues.list(term));
            }
        }
        for (Object candidate : candidates) {
            var found = files.find(subdir, String.valueOf(candidate), vars);
            if (found.isPresent()) {
                return List.of(found.get().path());
            }
        }
        if (skip) {
            return List.of();
        }
        throw new TemplateException("first_found: none of " + candidates + " was found");
    }

    /** community.general's flattened: lists of one list unwrapped, nested lists flattened; 'None' ends it. */
    private static List<Object> flatten(List<Object> terms) {
        List<Object> result = new ArrayList<>();
        for (Object term : terms) {
            if ("None".equals(term) || "null".equals(term)) {
                break;
            }
            if (term instanceof List<?> l) {
                result.addAll(flatten(new ArrayList<>(l)));
            } else {
                result.add(term);
            }
        }
        return result;
    }

    private static List<Object> indexed(List<Object> terms) {
        List<Object> items = Loops.items(terms);
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            result.add(new ArrayList<>(List.of(i, items.get(i))));
        }
        return result;
    }

    // --- Jinja functions -----------------------------------------------------------------------

    static void registerFunctions(Context context) {
        context.registerFunction(new ELFunctionDefinition("", "lookup", LookupPlugins.class, "lookupFunction",
                String.class, Object[].class));
        context.registerFunction(new ELFunctionDefinition("", "query", LookupPlugins.class, "queryFunction",
                String.class, Object[].class));
        context.registerFunction(new ELFunctionDefinition("", "q", LookupPlugins.class, "queryFunction",
                String.class, Object[].class));
    }

    /**
     * {@code lookup(name, terms…)}: with {@code wantlist=True} the list; otherwise several strings joined with
     * commas, as Ansible does, a single result as itself, several results that are not all strings a list.
     */
    public static Object lookupFunction(String name, Object... terms) {
        LookupCall call = LookupCall.of(name, terms);
        Optional<List<Object>> results = run(call);
        if (call.wantlist()) {
            return results.orElse(List.of());
        }
        if (results.isEmpty()) {
            return PyNone.NONE;
        }
        List<Object> list = results.get();
        // Ansible's _lookup returns an empty result as it is, before joining
        if (list.isEmpty()) {
            return list;
        }
        if (list.stream().allMatch(r -> r instanceof String)) {
            return String.join(",", list.stream().map(String.class::cast).toList());
        }
        return list.size() == 1 ? list.get(0) : list;
    }

    public static List<Object> queryFunction(String name, Object... terms) {
        return run(LookupCall.of(name, terms)).orElse(List.of());
    }

    /** Ansible's {@code errors=}: a failing lookup gives nothing with warn or ignore, any other value is an error. */
    private static Optional<List<Object>> run(LookupCall call) {
        Bound bound = bound(JinjavaInterpreter.getCurrent());
        try {
            return Optional.of(bound.plugins().query(call.name(), call.terms(), call.options(), bound.templar(),
                    bound.vars(), "files"));
        } catch (TemplateException e) {
            if (!List.of("warn", "ignore").contains(call.errors()) || e instanceof Unsupported) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** A plugin playbake lacks: an error whatever {@code errors=} says, as Ansible's "lookup plugin not found". */
    private static final class Unsupported extends TemplateException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** A lookup()/query() call: its terms, Ansible's own keywords (wantlist, errors), the plugin's options. */
    private record LookupCall(String name, List<Object> terms, Map<String, Object> options, boolean wantlist,
            String errors) {

        static LookupCall of(String name, Object... arguments) {
            List<Object> terms = new ArrayList<>();
            Map<String, Object> options = new LinkedHashMap<>();
            for (Object argument : arguments) {
                if (argument instanceof NamedParameter named) {
                    options.put(named.getName(), Templar.toJava(named.getValue()));
                } else {
                    terms.add(Templar.toJava(argument));
                }
            }
            boolean wantlist = FilterValues.bool(Optional.ofNullable(options.remove("wantlist")).orElse(false));
            String errors = String.valueOf(Optional.ofNullable(options.remove("errors")).orElse("strict"));
            options.remove("allow_unsafe");
            return new LookupCall(name, terms, options, wantlist, errors);
        }
    }
}
