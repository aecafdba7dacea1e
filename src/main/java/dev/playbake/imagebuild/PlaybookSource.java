package dev.playbake.imagebuild;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A playbook and the files next to it that tasks may read (copy/template sources, included task
 * files, vars files, roles), all in memory so a build reads exactly what its key covers.
 *
 * @param fileName name of the playbook, as errors cite it (e.g. {@code playbook.yml})
 * @param content  the playbook's YAML
 * @param files    other files by path relative to the playbook's directory ({@code roles/web/tasks/main.yml})
 */
public record PlaybookSource(String fileName, String content, Map<String, byte[]> files) {

    public PlaybookSource {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        files = Map.copyOf(files);
    }

    public byte[] contentBytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
