package dev.playbake.compat;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A case's {@code extra-vars.yml} file: a YAML mapping given to {@code ansible-playbook} as
 * {@code -e @extra-vars.yml} and to the engine as its extra vars (what {@code playbake build -e} and an
 * ImageBuild's {@code spec.vars} set), with the same types on both sides.
 */
record CaseExtraVars(List<String> options, Map<String, Object> vars) {

    static final String FILE = "extra-vars.yml";

    static CaseExtraVars of(Path caseDir) throws IOException {
        Path file = caseDir.resolve(FILE);
        if (!Files.exists(file)) {
            return new CaseExtraVars(List.of(), Map.of());
        }
        Object loaded = new Yaml().load(Files.readString(file));
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": a mapping of extra vars, got " + loaded);
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        map.forEach((k, v) -> vars.put(String.valueOf(k), v));
        return new CaseExtraVars(List.of("-e", "@" + FILE), vars);
    }
}
