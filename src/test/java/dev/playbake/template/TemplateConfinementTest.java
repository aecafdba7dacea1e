package dev.playbake.template;

import dev.playbake.python.PyNone;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's template reads the build's files and given environment only: never the process's classpath, environment or classes. */
class TemplateConfinementTest {

    /** The build context: a template directory with a partial, and the playbook's templates/. */
    private static final Map<String, String> FILES = Map.of(
            "/playbook/roles/web/templates/site/partial.j2", "partial of {{ name }}",
            "templates/macros.j2", "{% macro hello(who) %}hello {{ who }}{% endmacro %}",
            "templates/base.j2", "<{% block body %}base{% endblock %}>",
            "templates/top.j2", "top");

    private static final FileFinder BUILD = new FileFinder() {
        @Override
        public Optional<Found> find(String kind, String name, Variables vars) {
            for (String candidate : List.of(name, kind + "/" + name)) {
                if (FILES.containsKey(candidate)) {
                    return Optional.of(new Found(candidate, FILES.get(candidate).getBytes(StandardCharsets.UTF_8)));
                }
            }
            return Optional.empty();
        }

        @Override
        public List<String> glob(String kind, String pattern, Variables vars) {
            return List.of();
        }
    };

    private final Templar operator = new Templar(new LookupPlugins(BUILD, PasswordStore.inMemory(),
            ControllerEnvironment.only(Map.of("GREETING", "hi")), UrlFetcher.none()));

    private static Variables vars(Map<String, Object> values) {
        return name -> values.containsKey(name) ? Optional.of(values.get(name)) : Optional.empty();
    }

    private final Variables vars = vars(Map.of("name", "web",
            "template_path", "/playbook/roles/web/templates/site/page.j2"));

    @Test
    void includesResolveBesideTheTemplateThenInTemplates() {
        assertEquals("[partial of web]", operator.renderText("[{% include 'partial.j2' %}]", vars));
        assertEquals("top", operator.renderText("{% include 'top.j2' %}", vars));
        assertEquals("hello ann", operator.renderText("{% import 'macros.j2' as m %}{{ m.hello('ann') }}", vars));
        assertEquals("hello bob", operator.renderText("{% from 'macros.j2' import hello %}{{ hello('bob') }}", vars));
        assertEquals("<mine>", operator.renderText("{% extends 'base.j2' %}{% block body %}mine{% endblock %}", vars));
    }

    @Test
    void theProcessClasspathIsNotATemplateSource() {
        for (String template : List.of("{% include 'application.properties' %}",
                "{% extends 'application.properties' %}",
                "{% include '../../application.properties' %}",
                "{% include '/application.properties' %}",
                "{% include 'dev/playbake/template/Templar.class' %}")) {
            TemplateException e = assertThrows(TemplateException.class, () -> operator.renderText(template, vars), template);
            assertTrue(e.getMessage().contains("not found in the build context"), e.getMessage());
        }
        for (String template : List.of("{% import 'application.properties' as p %}{{ p }}",
                "{% from 'application.properties' import x %}{{ x }}")) {
            String out = renderedOrRefused(template);
            assertFalse(out.contains("quarkus"), template + " gave " + out);
        }
    }

    @Test
    void envSeesOnlyTheGivenVariables() {
        assertEquals("hi", operator.render("{{ lookup('env', 'GREETING') }}", vars));
        assertEquals("", operator.render("{{ lookup('env', 'PATH') }}", vars));
        assertEquals("", operator.render("{{ lookup('env', 'HOME') }}", vars));
        assertEquals("~/x", operator.render("{{ '~/x' | expanduser }}", vars), "no HOME given: ~ stays");
        assertEquals("~root/x", operator.render("{{ '~root/x' | expanduser }}", vars), "no account database");
        Templar withHome = new Templar(new LookupPlugins(BUILD, PasswordStore.inMemory(),
                ControllerEnvironment.only(Map.of("HOME", "/home/builder")), UrlFetcher.none()));
        assertEquals("/home/builder/x", withHome.render("{{ '~/x' | expanduser }}", vars));
    }

    @Test
    void theCliStillSeesItsOwnEnvironment() {
        Templar cli = new Templar(new LookupPlugins(BUILD));
        assertEquals(System.getenv("PATH"), cli.render("{{ lookup('env', 'PATH') }}", vars));
    }

    /** Server-side template injection payloads known for jinjava and Jinja2 reach no Java class or internal object. */
    @Test
    void injectionPayloadsGiveNothingUseful() {
        for (String payload : List.of("{{ ''.getClass() }}", "{{ ''.class }}", "{{ ''.getClass().forName('java.lang.Runtime') }}",
                "{{ ''.class.forName('java.lang.Runtime') }}", "{{ ''.__class__ }}", "{{ ''.__class__.__mro__ }}",
                "{{ [].getClass() }}", "{{ {}.getClass() }}", "{{ (1).getClass() }}", "{{ ''.class.classLoader }}",
                "{{ self }}", "{{ cycler.__init__.__globals__ }}", "{{ lipsum.__globals__ }}",
                "{{ ____int3rpr3t3r____.getContext() }}", "{{ ____int3rpr3t3r____.getConfig() }}",
                "{{ ____int3rpr3t3r____.context }}", "{{ ____int3rpr3t3r____.config }}",
                "{{ __playbake_lookups }}", "{{ playbake_lookups }}")) {
            String out = renderedOrRefused(payload);
            assertFalse(out.contains("class ") || out.contains("java.") || out.contains("Runtime")
                    || out.contains("Bound[") || out.contains("@"), payload + " gave " + out);
        }
    }

    private String renderedOrRefused(String template) {
        try {
            Object out = operator.render(template, vars);
            return out == null || out == PyNone.NONE ? "" : String.valueOf(out);
        } catch (TemplateException refused) {
            return "";
        }
    }
}
