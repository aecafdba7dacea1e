package dev.playbake.engine;

import dev.playbake.modules.LocalFiles;
import dev.playbake.playbook.SourceFiles;
import dev.playbake.template.FileFinder;
import dev.playbake.template.TemplateException;
import dev.playbake.template.Variables;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The playbook's files as tasks look them up: the current role's {@code files/} (or {@code templates/},
 * {@code vars/}), the role's root, then the playbook's own {@code files/} and directory. The playbook
 * directory appears to templates as {@link #ROOT}, so builds do not depend on where a checkout lives.
 */
public final class PlaybookFiles implements FileFinder {

    /** {@code playbook_dir} as tasks see it. */
    public static final String ROOT = "/playbook";

    private final SourceFiles files;

    public PlaybookFiles(SourceFiles files) {
        this.files = files;
    }

    public SourceFiles sources() {
        return files;
    }

    @Override
    public Optional<Found> find(String kind, String name, Variables vars) {
        for (String candidate : candidates(kind, name, vars)) {
            Optional<byte[]> content = files.read(candidate);
            if (content.isPresent()) {
                return Optional.of(new Found(SourceFiles.normalize(candidate), content.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> glob(String kind, String pattern, Variables vars) {
        List<String> found = new ArrayList<>();
        for (String candidate : candidates(kind, pattern, vars)) {
            String dir = SourceFiles.parent(candidate);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + SourceFiles.normalize(candidate));
            for (String path : files.under(dir)) {
                if (SourceFiles.parent(path).equals(SourceFiles.normalize(dir)) && matcher.matches(Path.of(path))) {
                    found.add(ROOT + "/" + path);
                }
            }
            if (!found.isEmpty()) {
                break;
            }
        }
        return found;
    }

    @Override
    public Optional<String> pathType(String path) {
        String relative = path.equals(ROOT) ? "" : path.startsWith(ROOT + "/") ? path.substring(ROOT.length() + 1) : path;
        if (relative.startsWith("/")) {
            throw new TemplateException("'" + path + "' is on the controller, which for a playbake build is the build "
                    + "context: test a path relative to the playbook or under playbook_dir (stat tests the image's files)");
        }
        String normalized = SourceFiles.normalize(relative);
        if (files.exists(normalized)) {
            return Optional.of("file");
        }
        return normalized.isEmpty() || !files.under(normalized).isEmpty() ? Optional.of("directory") : Optional.empty();
    }

    /** The same lookups for modules, bound to the task's variables (for its role). */
    public LocalFiles forTask(Variables vars) {
        return new LocalFiles() {
            @Override
            public Optional<Found> find(String kind, String name) {
                return PlaybookFiles.this.find(kind, name, vars).map(f -> new Found(f.path(), f.content()));
            }

            @Override
            public List<Found> tree(String kind, String directory) {
                for (String candidate : candidates(kind, directory, vars)) {
                    String dir = SourceFiles.normalize(candidate);
                    List<String> under = files.under(dir);
                    if (!under.isEmpty()) {
                        List<Found> tree = new ArrayList<>();
                        for (String path : under) {
                            tree.add(new Found(path.substring(dir.length() + 1), files.read(path).orElseThrow()));
                        }
                        return tree;
                    }
                }
                return List.of();
            }
        };
    }

    private List<String> candidates(String kind, String name, Variables vars) {
        return candidates(kind, name, vars.raw("role_path").map(String::valueOf)
                .filter(p -> p.startsWith(ROOT + "/")).map(p -> p.substring(ROOT.length() + 1)));
    }

    /** Where a task of the role at {@code rolePath} (relative to the playbook) looks for {@code name}, in order. */
    static List<String> candidates(String kind, String name, Optional<String> rolePath) {
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        if (name.startsWith(ROOT + "/")) {
            candidates.add(name.substring(ROOT.length() + 1));
            return List.copyOf(candidates);
        }
        if (name.startsWith("/")) {
            return List.of();  // the controller's own files are not part of a build
        }
        rolePath.ifPresent(role -> {
            candidates.add(role + "/" + kind + "/" + name);
            candidates.add(role + "/" + name);
            candidates.add(role + "/tasks/" + name);
        });
        candidates.add(kind + "/" + name);
        candidates.add(name);
        return List.copyOf(candidates);
    }
}
