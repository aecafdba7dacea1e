package dev.playbake.engine.actions;

import dev.playbake.engine.PlaybookFiles;
import dev.playbake.modules.ModuleException;
import dev.playbake.python.PyPaths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code include_vars}: a vars file, or the matching files of a directory, into the included vars. */
final class IncludeVarsAction implements Action {

    @Override
    public ActionOutcome run(ActionContext context) {
        Map<String, Object> args = context.renderedArgs();
        String file = String.valueOf(args.getOrDefault("file", args.getOrDefault("_raw_params", "")));
        List<String> paths = new ArrayList<>();
        if (args.containsKey("dir")) {
            String dir = String.valueOf(args.get("dir"));
            Pattern matching = Pattern.compile(String.valueOf(args.getOrDefault("files_matching", ".*")));
            int depth = Integer.parseInt(String.valueOf(args.getOrDefault("depth", 0)));
            Object extensionsArg = args.getOrDefault("extensions", List.of("yml", "yaml", "json"));
            List<String> extensions = extensionsArg instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(extensionsArg));
            context.files().forTask(context.scope()).tree("vars", dir).stream()
                    .filter(f -> extensions.stream().anyMatch(e -> f.path().endsWith("." + e)))
                    // Ansible matches the file's name from its start (re.match) and counts depth from 1 for dir itself
                    .filter(f -> matching.matcher(PyPaths.basename(f.path())).lookingAt())
                    .filter(f -> depth <= 0 || f.path().split("/").length <= depth)
                    .forEach(f -> paths.add(dir + "/" + f.path()));
        } else {
            paths.add(file);
        }
        Map<String, Object> loaded = new LinkedHashMap<>();
        List<String> loadedFiles = new ArrayList<>();
        for (String path : paths) {
            var found = context.files().find("vars", path, context.scope()).orElseThrow(() -> new ModuleException(
                    "Could not find or access '" + path + "' (looked in the role's vars/, vars/ and the playbook's directory)"));
            loaded.putAll(context.parser().varsFile(found.path(), context.task().location()));
            loadedFiles.add(PlaybookFiles.ROOT + "/" + found.path());
        }
        Map<String, Object> facts = args.containsKey("name")
                ? new LinkedHashMap<>(Map.of(String.valueOf(args.get("name")), loaded)) : loaded;
        context.state().includedVars().putAll(facts);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", false);
        result.put("ansible_facts", facts);
        result.put("ansible_included_var_files", loadedFiles);
        return ActionOutcome.of(result);
    }
}
