package dev.playbake.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.objects.collections.PyList;
import dev.playbake.python.PyNone;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/** Ansible's Jinja2 tests: task results (succeeded, failed, changed, skipped), regex, versions, sets. */
final class AnsibleTests {

    private AnsibleTests() {
    }

    private record SimpleTest(String name, BiPredicate<Object, Object[]> body) implements ExpTest {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            // jinjava hands several arguments over as one tuple (a plain PyList; list literals are a subclass)
            if (args.length == 1 && args[0] != null && args[0].getClass() == PyList.class) {
                args = ((PyList) args[0]).toArray();
            }
            Object[] plain = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                plain[i] = Templar.toJava(args[i]);
            }
            return body.test(Templar.toJava(var), plain);
        }
    }

    /** Jinja2's escaped: a value marked safe (escape's or safe's result), before conversion drops the mark. */
    private static final class EscapedTest implements ExpTest {
        @Override
        public String getName() {
            return "escaped";
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return var instanceof com.hubspot.jinjava.objects.SafeString;
        }
    }

    static void register(Context context) {
        List<ExpTest> tests = new ArrayList<>();
        for (String name : List.of("succeeded", "success")) {
            tests.add(new SimpleTest(name, (v, a) -> !flag(v, "failed")));
        }
        for (String name : List.of("failed", "failure")) {
            tests.add(new SimpleTest(name, (v, a) -> flag(v, "failed")));
        }
        for (String name : List.of("changed", "change")) {
            tests.add(new SimpleTest(name, (v, a) -> flag(v, "changed")));
        }
        for (String name : List.of("skipped", "skip")) {
            tests.add(new SimpleTest(name, (v, a) -> flag(v, "skipped")));
        }
        tests.add(new SimpleTest("none", (v, a) -> v == null || v == PyNone.NONE));
        tests.add(new SimpleTest("match", (v, a) -> regex(v, a).matcher(String.valueOf(v)).lookingAt()));
        tests.add(new SimpleTest("search", (v, a) -> regex(v, a).matcher(String.valueOf(v)).find()));
        tests.add(new SimpleTest("regex", (v, a) -> regex(v, a).matcher(String.valueOf(v)).find()));
        for (String name : List.of("version", "version_compare")) {
            tests.add(new SimpleTest(name, (v, a) -> Versions.test(String.valueOf(v), String.valueOf(a[0]),
                    a.length > 1 ? String.valueOf(a[1]) : "==")));
        }
        tests.add(new SimpleTest("subset", (v, a) -> collection(a[0]).containsAll(collection(v))));
        tests.add(new SimpleTest("superset", (v, a) -> collection(v).containsAll(collection(a[0]))));
        tests.add(new SimpleTest("contains", (v, a) -> collection(v).contains(a[0])));
        tests.add(new SimpleTest("any", (v, a) -> collection(v).stream().anyMatch(Templar::truthy)));
        tests.add(new SimpleTest("all", (v, a) -> collection(v).stream().allMatch(Templar::truthy)));
        tests.add(new SimpleTest("string", (v, a) -> v instanceof String));
        tests.add(new SimpleTest("mapping", (v, a) -> v instanceof Map));
        // Jinja2's sequence is anything with a length and indexing: dicts too
        tests.add(new SimpleTest("sequence", (v, a) -> v instanceof Collection || v instanceof String || v instanceof Map));
        for (String name : List.of("eq", "equalto", "==")) {
            tests.add(new SimpleTest(name, (v, a) -> PyEquality.equal(v, a[0])));
        }
        for (String name : List.of("ne", "!=")) {
            tests.add(new SimpleTest(name, (v, a) -> !PyEquality.equal(v, a[0])));
        }
        tests.add(new SimpleTest("in", (v, a) -> PyEquality.contains(a[0], v)));
        tests.add(new SimpleTest("callable", (v, a) -> false));
        tests.add(new EscapedTest());
        tests.add(new SimpleTest("iterable", (v, a) -> v instanceof Collection || v instanceof String || v instanceof Map));
        tests.add(new SimpleTest("boolean", (v, a) -> v instanceof Boolean));
        tests.add(new SimpleTest("integer", (v, a) -> v instanceof Integer || v instanceof Long));
        tests.add(new SimpleTest("float", (v, a) -> v instanceof Double || v instanceof Float));
        // a Python bool is a number
        tests.add(new SimpleTest("number", (v, a) -> v instanceof Number || v instanceof Boolean));
        tests.add(new SimpleTest("truthy", (v, a) -> Templar.truthy(v)));
        tests.add(new SimpleTest("falsy", (v, a) -> !Templar.truthy(v)));
        tests.add(new SimpleTest("abs", (v, a) -> String.valueOf(v).startsWith("/")));
        tests.add(new ControllerPathTest("file", Set.of("file")));
        tests.add(new ControllerPathTest("is_file", Set.of("file")));
        tests.add(new ControllerPathTest("directory", Set.of("directory")));
        tests.add(new ControllerPathTest("is_dir", Set.of("directory")));
        tests.add(new ControllerPathTest("exists", Set.of("file", "directory")));
        // the build context holds files and directories only: nothing in it is a link
        tests.add(new ControllerPathTest("link", Set.of()));
        tests.add(new ControllerPathTest("is_link", Set.of()));
        tests.forEach(context::registerExpTest);
    }

    private static boolean flag(Object result, String key) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new TemplateException("the '" + key + "' test expects a registered task result, got "
                    + FilterValues.typeName(result));
        }
        Object value = map.get(key);
        if ("failed".equals(key) && value == null && map.get("rc") instanceof Number rc) {
            return rc.intValue() != 0;
        }
        return value instanceof Boolean b ? b : value != null && FilterValues.bool(value);
    }

    private static Pattern regex(Object value, Object[] args) {
        String pattern = TextFilters.pythonPattern(String.valueOf(args[0]));
        boolean ignoreCase = args.length > 1 && FilterValues.bool(args[1]);
        return Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    private static Collection<Object> collection(Object value) {
        return FilterValues.list(value);
    }
}
