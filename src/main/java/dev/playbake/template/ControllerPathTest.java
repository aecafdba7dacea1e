package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;

import java.util.Set;

/**
 * Ansible's controller tests ({@code is file}, {@code is directory}, {@code is exists}, {@code is link}):
 * a playbake build's controller is its build context, so a path is looked for among the playbook's files.
 */
final class ControllerPathTest implements ExpTest {

    private final String name;
    private final Set<String> types;

    ControllerPathTest(String name, Set<String> types) {
        this.name = name;
        this.types = types;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        String path = String.valueOf(Templar.toJava(var));
        LookupPlugins.Bound bound = LookupPlugins.bound(interpreter);
        return bound.plugins().files().pathType(path).map(types::contains).orElse(false);
    }
}
