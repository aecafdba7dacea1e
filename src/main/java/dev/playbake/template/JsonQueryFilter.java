package dev.playbake.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.playbake.python.PyNone;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;

/** {@code json_query} (community.general): a JMESPath expression over the value, as the Python jmespath library runs it. */
final class JsonQueryFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

    private JsonQueryFilter() {
    }

    static Filter filter() {
        return new SimpleFilter("json_query", (value, args, kwargs) -> {
            Object expression = args.length > 0 ? args[0] : kwargs.get("f");
            if (expression == null) {
                throw new TemplateException("json_query needs a JMESPath expression");
            }
            return query(value, String.valueOf(expression));
        });
    }

    static Object query(Object value, String expression) {
        JsonNode data = JSON.valueToTree(Templar.toJava(value));
        JsonNode result;
        try {
            result = JMESPATH.compile(expression).search(data);
        } catch (JmesPathException e) {
            throw new TemplateException("JMESPathError in json_query filter plugin:\n" + e.getMessage());
        }
        Object found = Templar.toJava(JSON.convertValue(result, Object.class));
        // no match is Python's None (printed empty, as Ansible prints it); a null would read as an undefined variable
        return found == null ? PyNone.NONE : found;
    }
}
