package dev.playbake.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds and loads the files a playbook names, relative to the playbook as Ansible resolves them. */
final class IncludedFiles {

    private final String playbookFile;
    private final SourceFiles files;

    IncludedFiles(String playbookFile, SourceFiles files) {
        this.playbookFile = playbookFile;
        this.files = files;
    }

    SourceFiles sources() {
        return files;
    }

    String playbookDir() {
        return SourceFiles.parent(playbookFile);
    }

    /** Finds a task file the way Ansible does: the role's tasks/, the including file's dir, the playbook's dir. */
    String resolveTaskFile(String file, Optional<Role> role, String dir, Location at) {
        List<String> candidates = new ArrayList<>();
        role.ifPresent(r -> candidates.add(r.path() + "/tasks/" + file));
        candidates.add(join(dir, file));
        candidates.add(join(playbookDir(), file));
        for (String candidate : candidates) {
            if (files.exists(candidate)) {
                return SourceFiles.normalize(candidate);
            }
        }
        throw new PlaybookException(at, "the task file '" + file + "' was not found (looked in "
                + String.join(", ", candidates.stream().map(SourceFiles::normalize).distinct().toList()) + ")");
    }

    String resolveRelative(String dir, String file, Location at) {
        String path = join(dir, file);
        if (!files.exists(path)) {
            throw new PlaybookException(at, file + " was not found");
        }
        return SourceFiles.normalize(path);
    }

    /** {@code base.yml}, {@code base.yaml} or {@code base}, whichever exists; empty when optional and absent. */
    Optional<String> firstExisting(String base, Location at, String what, boolean required) {
        for (String candidate : List.of(base + ".yml", base + ".yaml", base)) {
            if (files.exists(candidate)) {
                return Optional.of(SourceFiles.normalize(candidate));
            }
        }
        if (required) {
            throw new PlaybookException(at, "the " + what + " was not found: " + base + ".yml");
        }
        return Optional.empty();
    }

    /** The YAML of a file known to exist; empty for an empty document. */
    Optional<Object> load(String path) {
        return Optional.ofNullable(YamlLoader.load(path, files.readText(path).orElseThrow()));
    }

    Object loadList(String path) {
        Object loaded = load(path).orElse(List.of());
        if (!(loaded instanceof List<?>)) {
            throw new PlaybookException(new Location(path, 1), "a task file must be a list of tasks");
        }
        return loaded;
    }

    static String join(String dir, String file) {
        if (file.startsWith("/")) {
            return file;
        }
        return dir.isEmpty() ? file : dir + "/" + file;
    }
}
