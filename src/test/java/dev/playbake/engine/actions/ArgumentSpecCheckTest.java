package dev.playbake.engine.actions;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A role's argument spec checked as ansible-core 2.14's validate_argument_spec reports it. */
class ArgumentSpecCheckTest {

    private static Map<String, Object> spec() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("app_port", Map.of("type", "int", "required", true));
        spec.put("app_name", Map.of("type", "str", "default", "demo"));
        spec.put("app_mode", Map.of("type", "str", "choices", List.of("dev", "prod")));
        spec.put("app_flags", Map.of("type", "list", "elements", "str"));
        spec.put("app_debug", Map.of("type", "bool"));
        return spec;
    }

    @Test
    void convertibleValuesPassAsPythonsCheckersConvertThem() {
        assertEquals(List.of(), ArgumentSpecCheck.errors(spec(),
                Map.of("app_port", "8080", "app_mode", "prod", "app_flags", "a,b", "app_debug", "yes")));
        assertEquals(List.of(), ArgumentSpecCheck.errors(spec(), Map.of("app_port", 80, "app_name", 5)));
    }

    @Test
    void everyErrorInAnsiblesOrderAndWords() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("app_port", "eighty");
        parameters.put("app_mode", "test");
        parameters.put("app_debug", "maybe");
        parameters.put("app_flags", Map.of("a", 1));
        parameters.put("extra_param", 1);
        // what ansible-playbook 2.14 printed for these values
        assertEquals(List.of(
                "argument 'app_port' is of type <class 'ansible.parsing.yaml.objects.AnsibleUnicode'> and we were "
                        + "unable to convert to int: <class 'ansible.parsing.yaml.objects.AnsibleUnicode'> cannot be "
                        + "converted to an int",
                "argument 'app_flags' is of type <class 'dict'> and we were unable to convert to list: <class 'dict'> "
                        + "cannot be converted to a list",
                "argument 'app_debug' is of type <class 'ansible.parsing.yaml.objects.AnsibleUnicode'> and we were "
                        + "unable to convert to bool: The value 'maybe' is not a valid boolean.  Valid booleans include: "
                        + "0, 1, 'false', '1', 'on', 'off', 'y', 'no', '0', 'true', 'yes', 't', 'n', 'f'",
                "value of app_mode must be one of: dev, prod, got: test",
                "extra_param. Supported parameters include: app_debug, app_flags, app_mode, app_name, app_port."),
                ArgumentSpecCheck.errors(spec(), parameters));
    }

    @Test
    void requiredComesFirstAndAnUnsetOptionalIsNotChecked() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("app_flags", null);
        assertEquals(List.of("missing required arguments: app_port"), ArgumentSpecCheck.errors(spec(), parameters));
        parameters.put("app_mode", null);
        assertEquals(List.of("missing required arguments: app_port", "value of app_mode must be one of: dev, prod, "
                + "got: None"), ArgumentSpecCheck.errors(spec(), parameters));
        assertEquals(List.of("value of app_flags must be one or more of: a, b. Got no match for: c"),
                ArgumentSpecCheck.errors(Map.of("app_flags", Map.of("type", "list", "choices", List.of("a", "b"))),
                        Map.of("app_flags", List.of("a", "c"))));
    }
}
