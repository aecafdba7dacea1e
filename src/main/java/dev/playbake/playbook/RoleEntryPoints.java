package dev.playbake.playbook;

/**
 * Which files of a role are read: {@code tasks_from}, {@code vars_from}, {@code defaults_from} and
 * {@code handlers_from} of include_role/import_role, each {@code main} unless given.
 */
public record RoleEntryPoints(String tasks, String vars, String defaults, String handlers) {

    public static final RoleEntryPoints MAIN = new RoleEntryPoints("main", "main", "main", "main");

    /** The entry points named in include_role/import_role arguments; blank or absent ones are {@code main}. */
    public static RoleEntryPoints of(java.util.Map<String, Object> args) {
        return new RoleEntryPoints(name(args, "tasks_from"), name(args, "vars_from"), name(args, "defaults_from"),
                name(args, "handlers_from"));
    }

    private static String name(java.util.Map<String, Object> args, String key) {
        Object value = args.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            return "main";
        }
        // Ansible accepts the name with or without its extension
        return String.valueOf(value).replaceFirst("\\.ya?ml$", "");
    }
}
