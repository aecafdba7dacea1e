package dev.playbake.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.python.PyNone;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jinja2 3.1 parity: every case of {@code jinja-parity/cases.yml} rendered by playbake and by ansible-core's own
 * Templar (Debian's python3-jinja2, installed by scripts/dev-env), compared as text; an error on both sides is a
 * match, whatever the messages. An integration test because it needs that Python, which {@code mvn test} alone does not provide.
 */
class JinjaParityIT {

    private static final Path CASES = Path.of("src/test/resources/jinja-parity/cases.yml");
    private static final Path RENDERER = Path.of("src/test/resources/jinja-parity/render.py");
    private static final Path DOCS = Path.of("docs/compatibility.md");
    private static final String ERROR = "(error)";

    private record Case(String group, String template, Map<String, Object> vars) {
    }

    @Test
    void everyFilterAndTestRendersAsAnsiblesJinja2() throws Exception {
        Map<String, Object> table = new Yaml().load(Files.readString(CASES));
        @SuppressWarnings("unchecked")
        Map<String, Object> shared = (Map<String, Object>) table.get("vars");
        List<Case> cases = cases(table);
        List<String> expected = python(shared, cases);
        Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String actual = playbake(templar, c, shared);
            boolean bothFail = actual.startsWith(ERROR) && expected.get(i).startsWith(ERROR);
            if (!bothFail && !actual.equals(expected.get(i))) {
                mismatches.add(c.group + ": " + c.template + "\n    jinja2:   " + show(expected.get(i))
                        + "\n    playbake: " + show(actual));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + cases.size() + " cases differ:\n"
                + String.join("\n", mismatches));
    }

    @Test
    void theCasesCoverEveryFilterAndTestOfTheDocsTable() throws IOException {
        Map<String, Object> table = new Yaml().load(Files.readString(CASES));
        Set<String> covered = new TreeSet<>();
        cases(table).forEach(c -> covered.add(c.group));
        assertEquals(documented(), covered, "docs/compatibility.md's Jinja2 table and " + CASES + " name the same");
    }

    /** The names in the first column of the "Jinja2 filters and tests" table: {@code abs}, {@code is defined}. */
    private static Set<String> documented() throws IOException {
        String docs = Files.readString(DOCS);
        int start = docs.indexOf("### Jinja2 filters and tests");
        int end = docs.indexOf("\n#", start + 1);
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(docs.substring(start, end < 0 ? docs.length() : end));
        Set<String> names = new TreeSet<>();
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Case> cases(Map<String, Object> table) {
        List<Case> cases = new ArrayList<>();
        for (String kind : List.of("filters", "tests")) {
            ((Map<String, List<Object>>) table.get(kind)).forEach((name, templates) -> templates.forEach(t -> {
                String group = kind.equals("tests") ? "is " + name : name;
                if (t instanceof Map<?, ?> withVars) {
                    cases.add(new Case(group, (String) withVars.get("template"), (Map<String, Object>) withVars.get("vars")));
                } else {
                    cases.add(new Case(group, (String) t, Map.of()));
                }
            }));
        }
        return cases;
    }

    private static String playbake(Templar templar, Case c, Map<String, Object> shared) {
        Map<String, Object> values = new LinkedHashMap<>(shared);
        values.putAll(c.vars);
        Variables vars = name -> values.containsKey(name)
                ? Optional.of(values.get(name) == null ? PyNone.NONE : values.get(name)) : Optional.empty();
        try {
            return templar.renderText(c.template, vars);
        } catch (TemplateException e) {
            return ERROR + " " + e.getMessage();
        } catch (RuntimeException e) {
            return "(crash) " + e;
        }
    }

    /** One Python process renders every case: the request on stdin, a JSON list of results on stdout. */
    private static List<String> python(Map<String, Object> shared, List<Case> cases) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> request = new ArrayList<>();
        cases.forEach(c -> request.add(Map.of("template", c.template, "vars", c.vars)));
        Process process = new ProcessBuilder("/usr/bin/python3", RENDERER.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(json.writeValueAsBytes(Map.of("vars", shared, "cases", request)));
        }
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
        }
        assertEquals(0, process.waitFor(), "/usr/bin/python3 " + RENDERER + " failed (python3-jinja2 and ansible are "
                + "scripts/dev-env's): " + new String(output, StandardCharsets.UTF_8));
        List<String> results = new ArrayList<>();
        for (Map<?, ?> result : json.readValue(output, Map[].class)) {
            results.add(result.containsKey("out") ? (String) result.get("out") : ERROR + " " + result.get("error"));
        }
        return results;
    }

    private static String show(String text) {
        return text.startsWith(ERROR) ? text : "'" + text.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
