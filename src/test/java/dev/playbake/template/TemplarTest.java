package dev.playbake.template;

import dev.playbake.python.PyNone;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplarTest {

    private static final FileFinder NO_FILES = new FileFinder() {
        @Override
        public Optional<Found> find(String kind, String name, Variables vars) {
            return name.equals("motd") ? Optional.of(new Found("files/motd", "hello\n".getBytes())) : Optional.empty();
        }

        @Override
        public List<String> glob(String kind, String pattern, Variables vars) {
            return List.of();
        }
    };

    private final Templar templar = new Templar(new LookupPlugins(NO_FILES));

    private static Variables vars(Map<String, Object> values) {
        return name -> values.containsKey(name)
                ? Optional.of(values.get(name) == null ? PyNone.NONE : values.get(name)) : Optional.empty();
    }

    private final Variables vars = vars(new LinkedHashMap<>(Map.of(
            "port", 8080,
            "name", "web",
            "users", List.of("ann", "bob"),
            "conf", Map.of("a", 1),
            "url", "http://{{ name }}:{{ port }}",
            "flag", true,
            "disabled", "false",
            "loop_a", "{{ loop_b }}",
            "loop_b", "{{ loop_a }}")));

    @Test
    void aLoneExpressionKeepsItsNativeType() {
        assertEquals(8080, templar.render("{{ port }}", vars));
        assertEquals(List.of("ann", "bob"), templar.render("{{ users }}", vars));
        assertEquals(Map.of("a", 1), templar.render("{{ conf }}", vars));
        assertEquals(" {'a': 1}\n", templar.render(" {{ conf }}\n", vars), "surrounding text keeps it a string");
        assertEquals(8081, templar.render("{{ port + 1 }}", vars));
        assertEquals("8080/tcp", templar.render("{{ port }}/tcp", vars));
    }

    @Test
    void anExpressionLeftOpenFailsAsInAnsible() {
        TemplateException error = assertThrows(TemplateException.class, () -> templar.render("{{ port ", vars));
        assertEquals("template error while templating string: unexpected end of template, expected 'end of print"
                + " statement'.. String: {{ port . unexpected end of template, expected 'end of print statement'.",
                error.getMessage());
        assertThrows(TemplateException.class, () -> templar.render("a {{ port }} b {{ users", vars));
        assertEquals("8080", templar.render("{# {{ #}{{ port }}", vars).toString(), "a comment may hold {{");
        assertEquals("}}8080", templar.render("{{ '}}' ~ port }}", vars), "and a string may hold }}");
        assertEquals("{{ port", templar.render("{% raw %}{{ port{% endraw %}", vars));
    }

    @Test
    void printsLikePython() {
        assertEquals("on=True none= list=['ann', 'bob'] dict={'a': 1}",
                templar.render("on={{ flag }} none={{ None }} list={{ users }} dict={{ conf }}", vars));
    }

    @Test
    void variablesAreRenderedLazilyAndLoopsAreCaught() {
        assertEquals("http://web:8080", templar.render("{{ url }}", vars));
        TemplateException loop = assertThrows(TemplateException.class, () -> templar.render("{{ loop_a }}", vars));
        assertTrue(loop.getMessage().contains("recursive loop"), loop.getMessage());
    }

    @Test
    void undefinedIsAnErrorThatNamesTheVariable() {
        TemplateException e = assertThrows(TemplateException.class, () -> templar.render("x {{ missing }} y", vars));
        assertTrue(e.getMessage().contains("'missing' is undefined"), e.getMessage());
        assertEquals("fallback", templar.render("{{ missing | default('fallback') }}", vars));
        assertEquals("fallback", templar.render("{{ missing | d('fallback') }}", vars));
        assertEquals(false, templar.render("{{ missing is defined }}", vars));
        assertEquals(Templar.OMIT, templar.render("{{ missing | default(omit) }}", vars));
    }

    @Test
    void conditionsFollowAnsible() {
        assertTrue(templar.condition("port == 8080", vars));
        assertTrue(templar.condition(List.of("flag").get(0), vars));
        // ansible-core 2.14 tests a bare variable for truth (`{% if var %}`): a non-empty string is true
        assertTrue(templar.condition("disabled", vars), "a bare variable holding 'false' is a non-empty string");
        assertTrue(templar.condition("'ann' in users", vars));
        assertFalse(templar.condition("missing is defined and missing", vars));
        assertFalse(templar.condition("missing | default(false)", vars), "default keeps a boolean fallback a boolean");
        assertTrue(templar.condition("missing | d(true)", vars));
        assertEquals("x", templar.render("{{ '' | default('x', true) }}", vars));
        assertEquals("", templar.render("{{ '' | default('x') }}", vars));
        assertTrue(templar.condition(true, vars));
    }

    @Test
    void ansibleFilters() {
        assertEquals("{\"a\": 1}", templar.render("{{ conf | to_json }}", vars));
        // json.dumps' separators go between tokens only: a string's own "::" or ",1" stays as it is
        assertEquals("[\"::1\", \"a,1\", {\"k\": [1, 2]}, []]",
                templar.render("{{ ['::1', 'a,1', {'k': [1, 2]}, []] | to_json }}", vars));
        assertEquals(Map.of("a", 1, "b", 2), templar.render("{{ conf | combine({'b': 2}) }}", vars));
        assertEquals("w-b", templar.render("{{ 'web' | regex_replace('^(w)e(b)$', '\\1-\\2') }}", vars));
        // ansible-core 2.14 doubles backslashes in {{ }}: '\\1' reaches re.sub as \\1, a literal backslash
        assertEquals("\\1-\\2", templar.render("{{ 'web' | regex_replace('^(w)e(b)$', '\\\\1-\\\\2') }}", vars));
        assertEquals(List.of(Map.of("key", "a", "value", 1)), templar.render("{{ conf | dict2items }}", vars));
        assertEquals(true, templar.render("{{ 'yes' | bool }}", vars));
        assertEquals("yes", templar.render("{{ flag | ternary('yes', 'no') }}", vars));
        assertEquals("nginx.conf", templar.render("{{ '/etc/nginx/nginx.conf' | basename }}", vars));
        assertEquals("'a b'", templar.render("{{ 'a b' | quote }}", vars));
        assertEquals("ANN,BOB", templar.render("{{ users | map('upper') | join(',') }}", vars));
        assertTrue(String.valueOf(templar.render("{{ 'pw' | password_hash('sha512', 'saltsalt') }}", vars))
                .startsWith("$6$rounds=656000$saltsalt$"), "ansible-core 2.14 names the rounds");
    }

    @Test
    void pythonMethodsOnStringsDictsAndLists() {
        Variables v = vars(Map.of("text", "  a b  c ", "csv", "x,y,,z", "conf", Map.of("a", 1), "users", List.of("ann", "bob")));
        assertEquals(List.of("a", "b", "c"), templar.render("{{ text.split() }}", v));
        assertEquals(List.of("x", "y", "", "z"), templar.render("{{ csv.split(',') }}", v));
        assertEquals("a b  c", templar.render("{{ text.strip() }}", v));
        assertEquals(true, templar.render("{{ 'nginx.conf'.endswith('.conf') }}", v));
        assertEquals(true, templar.render("{{ 'web01'.startswith(('db', 'web')) }}", v));
        assertEquals("WEB", templar.render("{{ 'web'.upper() }}", v));
        assertEquals("a-1 x   ", templar.render("{{ '{}-{} {:<4}'.format('a', 1, 'x') }}", v));
        assertEquals(List.of(List.of("a", 1)), templar.render("{{ conf.items() | list }}", v));
        assertEquals(List.of("a"), templar.render("{{ conf.keys() | list }}", v));
        assertEquals("dflt", templar.render("{{ conf.get('b', 'dflt') }}", v));
        assertEquals(1, templar.render("{{ users.index('bob') }}", v));
        assertEquals("a_b_c", templar.render("{{ 'a.b.c'.replace('.', '_') }}", v));
    }

    @Test
    void ansibleTestsAndLookups() {
        Variables withResult = vars(Map.of("r", Map.of("changed", true, "rc", 0)));
        assertEquals(true, templar.render("{{ r is changed }}", withResult));
        assertEquals(true, templar.render("{{ r is succeeded }}", withResult));
        assertEquals(true, templar.render("{{ '1.10' is version('1.9', '>') }}", withResult));
        assertEquals("hello", templar.render("{{ lookup('file', 'motd') }}", vars));
        assertEquals(List.of(1, 2), templar.render("{{ query('items', [1, 2]) }}", vars));
    }

    @Test
    void anEmptyExpressionIsASyntaxError() {
        TemplateException error = assertThrows(TemplateException.class, () -> templar.render("a {{ }} b", vars));
        assertTrue(error.getMessage().contains("Expected an expression"), error.getMessage());
    }

    @Test
    void templateFilesCanUseTheirOwnDelimitersAndWhitespaceRules() {
        TemplateSyntax brackets = TemplateSyntax.of(Map.of("variable_start_string", "[[", "variable_end_string", "]]",
                "block_start_string", "[%", "block_end_string", "%]"));
        assertEquals("{{ kept }} 8080\nann\nbob\n",
                templar.renderText("{{ kept }} [[ port ]]\n[% for u in users %]\n[[ u ]]\n[% endfor %]\n", vars, brackets));
        TemplateSyntax lstrip = TemplateSyntax.of(Map.of("trim_blocks", false, "lstrip_blocks", true));
        assertEquals("\nann\n\nbob\n", templar.renderText("  {% for u in users %}\n{{ u }}\n  {% endfor %}\n", vars, lstrip));
    }

    @Test
    void aKeyWhoseValueIsNoneIsDefined() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("port", null);
        result.put("path", "/tmp/x");
        Variables withNone = vars(Map.of("w", result));
        assertEquals("port=", templar.render("port={{ w.port }}", withNone), "None prints empty, as Ansible finalizes it");
        assertTrue(templar.condition("w.port is none", withNone));
        assertTrue(templar.condition("w['port'] is none and w.path is defined", withNone));
        assertThrows(TemplateException.class, () -> templar.render("{{ w.missing }}", withNone));
    }

    @Test
    void backslashesInTaskValuesAreLiteralAsAnsibleEscapesThem() {
        assertEquals("8080-web", templar.render("{{ 'web-8080' | regex_replace('^(\\w+)-(\\d+)$', '\\2-\\1') }}", vars));
        assertEquals("a\\.b", templar.render("{{ 'a.b' | regex_escape }}", vars));
        assertEquals("one\\ntwo", templar.render("x{{ 'one\\ntwo' }}", vars).toString().substring(1));
        assertEquals("one\ntwo", templar.renderText("{{ 'one\\ntwo' }}", vars), "a template file's \\n is Python's newline");
    }

    @Test
    void dictsortGivesTuplesAndMapTakesADefault() {
        assertEquals("[('a', 1), ('B', 2)]", templar.renderText("{{ {'B': 2, 'a': 1} | dictsort }}", vars));
        assertEquals("('archive.tar', '.gz') [(1, 'x')]", templar.renderText(
                "{{ 'archive.tar.gz' | splitext }} {{ [1] | zip(['x']) | list }}", vars));
        assertEquals(List.of(1, "none"), templar.render(
                "{{ [{'x': 1}, {}] | map(attribute='x', default='none') | list }}", vars));
        assertEquals(255, templar.render("{{ 'ff' | int(base=16) }}", vars));
        assertEquals("/etc/hosts", templar.render("{{ '/etc/../etc/./hosts' | realpath }}", vars));
    }

    @Test
    void aLoopsElseRendersOnlyForAnEmptySequence() {
        assertEquals("ann;bob;", templar.renderText("{% for u in users %}{{ u }};{% else %}none{% endfor %}", vars));
        assertEquals("none", templar.renderText("{% for u in [] %}{{ u }};{% else %}none{% endfor %}", vars));
        assertEquals("a:x|", templar.renderText("{% for k in ['a'] %}{{ k }}:{% for v in [] %}{{ v }}{% else %}x"
                + "{% endfor %}|{% else %}empty{% endfor %}", vars));
        assertEquals("yes", templar.renderText("{% if flag %}yes{% else %}no{% endif %}", vars));
    }

    @Test
    void selectAndRejectWithoutATestKeepOrDropTruthyItems() {
        assertEquals(List.of(1, "x"), templar.render("{{ [0, 1, '', 'x', none] | select | list }}", vars));
        assertEquals(List.of(0, ""), templar.render("{{ [0, 1, '', 'x'] | reject | list }}", vars));
    }

    @Test
    void defaultWithTrueReplacesNone() {
        assertEquals("x x 0", templar.renderText("{{ none | default('x', true) }} {{ none | d('x', true) }} "
                + "{{ 0 | default('y') }}", vars));
        assertEquals("", templar.renderText("{{ none | default('x') }}", vars), "None is defined: it stays, printed empty");
        assertEquals("z", templar.renderText("{{ missing | default('z') }}", vars));
    }

    @Test
    void onlyTheVariableBlocksOfTaskValuesDoubleTheirBackslashes() {
        assertEquals("xa\\\\b", templar.render("x{{ 'a\\\\b' }}", vars), "each backslash stays, as Ansible doubles them");
        assertEquals("a\nb|", templar.render("{% set n = 'a\\nb' %}{{ n }}|", vars),
                "a statement's string is Python's: \\n is a newline");
    }
}
