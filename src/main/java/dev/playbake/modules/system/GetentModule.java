package dev.playbake.modules.system;

import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleResult;
import dev.playbake.python.PyStrings;
import dev.playbake.python.Sh;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.str;

/**
 * {@code getent}: a name-service database as the fact {@code getent_<database>}. Uses the image's
 * getent; images without one (busybox) read the colon-separated files under /etc directly.
 */
public final class GetentModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("database").required(), str("key"), str("service"), str("split"), bool("fail_key"));

    private static final List<String> COLON_SEPARATED = List.of("passwd", "shadow", "group", "gshadow");

    @Override
    public String name() {
        return "getent";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String database = args.required("database");
        String key = args.string("key").orElse("");
        boolean hasKey = args.has("key");
        String split = args.string("split").orElse(COLON_SEPARATED.contains(database) ? ":" : "");
        boolean failKey = args.bool("fail_key", true);

        StringBuilder getent = new StringBuilder("getent ").append(Sh.quote(database));
        if (hasKey) {
            getent.append(' ').append(Sh.quote(key));
        }
        args.string("service").ifPresent(s -> getent.append(" -s ").append(Sh.quote(s)));
        var result = context.sh("if command -v getent >/dev/null 2>&1; then " + getent + "; else "
                + fallback(database, hasKey, key) + "; fi");
        String tree = "getent_" + database;
        Map<String, Object> entries = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(tree, entries);
        switch (result.exitCode()) {
            case 0 -> {
                Map<String, Integer> seen = new LinkedHashMap<>();
                for (String line : result.stdout().split("\\r?\\n")) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    List<String> record = PyStrings.split(line, split);
                    String name = record.get(0);
                    List<String> rest = new ArrayList<>(record.subList(1, record.size()));
                    int count = seen.merge(name, 1, Integer::sum);
                    if (count == 1) {
                        entries.put(name, rest);
                    } else {
                        // a second record for the same key turns the value into a list of records
                        if (count == 2) {
                            entries.put(name, new ArrayList<>(List.of(entries.get(name))));
                        }
                        @SuppressWarnings("unchecked")
                        List<Object> all = (List<Object>) entries.get(name);
                        all.add(rest);
                    }
                }
                return ModuleResult.ok(Map.of("ansible_facts", facts));
            }
            case 2 -> {
                String msg = "One or more supplied key could not be found in the database.";
                if (!failKey) {
                    entries.put(key, null);
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("ansible_facts", facts);
                    values.put("msg", msg);
                    return ModuleResult.ok(values);
                }
                return ModuleResult.failed(msg);
            }
            case 3 -> {
                return ModuleResult.failed("Enumeration not supported on this database.");
            }
            default -> {
                return ModuleResult.failed("Missing arguments, or database unknown.");
            }
        }
    }

    /** getent's exit codes (1 unknown database, 2 key not found) from the /etc files. */
    private static String fallback(String database, boolean hasKey, String key) {
        if (!COLON_SEPARATED.contains(database)) {
            return "exit 1";
        }
        String file = "/etc/" + database;
        if (!hasKey) {
            return "cat " + file;
        }
        // like glibc, a numeric key of passwd and group is an id
        boolean byId = key.matches("\\d+") && (database.equals("passwd") || database.equals("group"));
        String field = byId ? "$3" : "$1";
        return "awk -F: -v k=" + Sh.quote(key) + " '" + field + " == k { print; found = 1; exit } "
                + "END { exit (found ? 0 : 2) }' " + file;
    }
}
