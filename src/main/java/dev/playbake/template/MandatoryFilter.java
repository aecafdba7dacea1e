package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyStrings;

import java.util.Map;

/**
 * Ansible's {@code mandatory(msg=None)}: an undefined value fails with the msg, else with
 * "Mandatory variable 'NAME'  not defined." (ansible-core 2.14's two spaces); None is defined.
 */
final class MandatoryFilter implements AdvancedFilter {

    @Override
    public String getName() {
        return "mandatory";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        if (var != null) {
            return var;
        }
        Object msg = args.length > 0 ? args[0] : kwargs.get("msg");
        if (msg != null && msg != PyNone.NONE) {
            throw new TemplateException(PyStrings.str(Templar.toJava(msg)));
        }
        String name = UndefinedNames.last().map(n -> "'" + n + "' ").orElse("");
        throw new TemplateException("Mandatory variable " + name + " not defined.");
    }
}
