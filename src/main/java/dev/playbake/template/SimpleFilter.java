package dev.playbake.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

import java.util.LinkedHashMap;
import java.util.Map;

/** A jinjava filter written as a body over plain Java values, as Ansible's filters see Python values. */
record SimpleFilter(String name, Body body) implements Filter {

    /** A filter body: the piped value, positional arguments, keyword arguments. */
    interface Body {
        Object apply(Object value, Object[] args, Map<String, Object> kwargs);
    }

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
