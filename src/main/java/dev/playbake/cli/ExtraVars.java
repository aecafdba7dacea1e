package dev.playbake.cli;

import dev.playbake.playbook.PlaybookException;
import dev.playbake.playbook.YamlLoader;
import dev.playbake.python.Sh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -e} values as ansible-playbook reads them: KEY=VALUE pairs, {@code @file.yml}, or inline YAML/JSON. */
final class ExtraVars {

    private ExtraVars() {
    }

    static Map<String, Object> parse(List<String> values, Path dir) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String value : values) {
            if (value.startsWith("@")) {
                Path path = dir.resolve(value.substring(1));
                try {
                    vars.putAll(mapping(YamlLoader.load(path.toString(), Files.readString(path)), value));
                } catch (NoSuchFileException e) {
                    throw new BadInputException("-e " + value + ": no such file (" + path + ")");
                } catch (IOException e) {
                    throw new BadInputException("-e " + value + ": " + e.getMessage());
                }
            } else if (value.strip().startsWith("{")) {
                vars.putAll(mapping(YamlLoader.load("-e", value), value));
            } else {
                for (String pair : words(value)) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new BadInputException("-e " + value + ": expected KEY=VALUE, @file or a YAML mapping");
                    }
                    vars.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return vars;
    }

    private static Map<String, Object> mapping(Object loaded, String source) {
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new PlaybookException(dev.playbake.playbook.Location.UNKNOWN, "-e " + source + " must be a mapping");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static List<String> words(String value) {
        try {
            return Sh.split(value);
        } catch (Sh.UnclosedQuotation e) {
            throw new BadInputException("-e " + value + ": " + e.getMessage());
        }
    }
}
