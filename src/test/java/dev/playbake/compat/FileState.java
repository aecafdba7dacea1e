package dev.playbake.compat;

/**
 * What one path in a container is, for comparison.
 *
 * @param path   absolute path
 * @param type   {@code absent}, {@code file}, {@code directory}, {@code link} or {@code other}
 * @param mode   permission bits as octal text, empty when absent
 * @param owner  owner name
 * @param group  group name
 * @param sha256 content hash of a regular file, else empty
 * @param target link target of a symlink, else empty
 */
public record FileState(String path, String type, String mode, String owner, String group, String sha256,
                        String target) {

    static FileState absent(String path) {
        return new FileState(path, "absent", "", "", "", "", "");
    }

    /** This state without its content hash, for files whose content is expected to differ. */
    FileState withoutContent() {
        return new FileState(path, type, mode, owner, group, "", target);
    }

    String describe() {
        if (type.equals("absent")) {
            return "absent";
        }
        StringBuilder out = new StringBuilder(type).append(' ').append(mode).append(' ').append(owner).append(':')
                .append(group);
        if (!sha256.isEmpty()) {
            out.append(" sha256:").append(sha256, 0, Math.min(12, sha256.length()));
        }
        if (!target.isEmpty()) {
            out.append(" -> ").append(target);
        }
        return out.toString();
    }
}
