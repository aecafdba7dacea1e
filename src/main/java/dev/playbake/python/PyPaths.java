package dev.playbake.python;

/** Python's {@code os.path} for the POSIX paths of a build container and a playbook's files. */
public final class PyPaths {

    private PyPaths() {
    }

    /** {@code os.path.basename}: what follows the last slash ({@code a/b/} gives the empty string). */
    public static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code os.path.dirname}: what precedes the last slash, {@code /} for a file at the root. */
    public static String dirname(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** The last name in a path, one trailing slash ignored ({@code a/b/} gives {@code b}), as copy names a folder. */
    public static String lastName(String path) {
        return basename(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /** The folder holding an absolute path, {@code /} for anything directly under the root or without a slash. */
    public static String parentFolder(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
