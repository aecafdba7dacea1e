package dev.playbake.imagebuild;

/** The innermost message of a container runtime error, for people. */
final class RuntimeMessages {

    private RuntimeMessages() {
    }

    static String of(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String outer = error.getMessage();
        return outer != null && !outer.equals(message) && !outer.contains(message) ? outer + ": " + message : message;
    }
}
