package dev.playbake.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ansible.utils' IP filters value by value: every value of {@link IpAddrParityCases} through every query, by
 * ansible-core 2.14 with ansible.utils and netaddr (scripts/dev-env's python3-netaddr) and by playbake's Templar,
 * compared as {@code to_json} text; an error on both sides is a match. Renders with JinjaParityIT's render.py.
 */
class IpAddrParityIT {

    private static final Path RENDERER = Path.of("src/test/resources/jinja-parity/render.py");
    private static final String ERROR = "(error)";
    private static final int SHOWN = 60;

    private record Case(String template, Map<String, Object> vars) {
    }

    @Test
    void everyValueAndQueryAnswersAsAnsibleUtils() throws Exception {
        List<Case> cases = cases(new Yaml().load(IpAddrParityCases.TABLE));
        List<String> expected = python(cases);
        Templar templar = new Templar(new LookupPlugins(NoFiles.FINDER));
        List<String> mismatches = new ArrayList<>();
        int errors = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String actual = playbake(templar, c);
            boolean bothFail = actual.startsWith(ERROR) && expected.get(i).startsWith(ERROR);
            errors += bothFail ? 1 : 0;
            if (!bothFail && !actual.equals(expected.get(i))) {
                mismatches.add(c.template + " with " + c.vars + "\n    ansible:  " + expected.get(i)
                        + "\n    playbake: " + actual);
            }
        }
        System.out.println("IpAddrParityIT: " + cases.size() + " cases, " + errors + " of them errors on both sides");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + cases.size() + " cases differ:\n"
                + String.join("\n", mismatches.subList(0, Math.min(SHOWN, mismatches.size()))));
    }

    @SuppressWarnings("unchecked")
    private static List<Case> cases(Map<String, Object> table) {
        List<Object> values = (List<Object>) table.get("values");
        List<Case> cases = new ArrayList<>();
        for (Object value : values) {
            cases.add(new Case("{{ v | ansible.utils.ipaddr | to_json }}", vars(value, null)));
            for (Object query : (List<Object>) table.get("queries")) {
                cases.add(new Case("{{ v | ansible.utils.ipaddr(q) | to_json }}", vars(value, query)));
            }
            for (String filter : List.of("ipv4", "ipv6")) {
                for (Object query : (List<Object>) table.get("version_queries")) {
                    cases.add(new Case("{{ v | ansible.utils." + filter + "(q) | to_json }}", vars(value, query)));
                }
            }
            cases.add(new Case("{{ v | ansible.utils.ipwrap | to_json }}", vars(value, null)));
            for (Object amount : (List<Object>) table.get("amounts")) {
                cases.add(new Case("{{ v | ansible.utils.ipmath(q) | to_json }}", vars(value, amount)));
            }
        }
        for (String template : (List<String>) table.get("templates")) {
            cases.add(new Case(template, Map.of()));
        }
        return cases;
    }

    private static Map<String, Object> vars(Object value, Object query) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("v", value);
        if (query != null) {
            vars.put("q", query);
        }
        return vars;
    }

    private static String playbake(Templar templar, Case c) {
        Variables vars = name -> Optional.ofNullable(c.vars.get(name));
        try {
            return templar.renderText(c.template, vars);
        } catch (TemplateException e) {
            return ERROR + " " + e.getMessage();
        } catch (RuntimeException e) {
            return "(crash) " + e;
        }
    }

    /** One Python process renders every case: the request on stdin, a JSON list of results on stdout. */
    private static List<String> python(List<Case> cases) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> request = new ArrayList<>();
        cases.forEach(c -> request.add(Map.of("template", c.template, "vars", c.vars)));
        Process process = new ProcessBuilder("/usr/bin/python3", RENDERER.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(json.writeValueAsBytes(Map.of("vars", Map.of(), "cases", request)));
        }
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
        }
        assertEquals(0, process.waitFor(), "/usr/bin/python3 " + RENDERER + " failed (ansible, its ansible.utils "
                + "collection and python3-netaddr are scripts/dev-env's): " + new String(output, StandardCharsets.UTF_8));
        List<String> results = new ArrayList<>();
        for (Map<?, ?> result : json.readValue(output, Map[].class)) {
            results.add(result.containsKey("out") ? (String) result.get("out") : ERROR + " " + result.get("error"));
        }
        assertEquals(cases.size(), results.size(), "one answer per case");
        return results;
    }
}
