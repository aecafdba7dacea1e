package dev.playbake.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Python's {@code os.path.expanduser} on the controller, as Ansible's {@code expanduser} filter runs it:
 * playbake's controller is the process running the build, so {@code ~} is that user's home, not the image's; in the
 * operator only the HOME the ImageBuild gives, and {@code ~user} stays as written.
 */
final class ExpandUser {

    private static final Path PASSWD = Path.of("/etc/passwd");

    private ExpandUser() {
    }

    static String expand(String path, ControllerEnvironment environment) {
        if (!path.startsWith("~")) {
            return path;
        }
        int slash = path.indexOf('/', 1);
        int end = slash < 0 ? path.length() : slash;
        Optional<String> home = end == 1 ? environment.home()
                : environment.readsAccounts() ? homeOf(path.substring(1, end)) : Optional.empty();
        if (home.isEmpty()) {
            return path;
        }
        // as Python: the home's trailing slashes go, and a root home with nothing after it stays "/"
        String joined = home.get().replaceAll("/+$", "") + path.substring(end);
        return joined.isEmpty() ? "/" : joined;
    }

    /** The user's home from /etc/passwd (getpwnam without JNI); an unknown user leaves the path as written. */
    private static Optional<String> homeOf(String user) {
        try {
            return Files.readAllLines(PASSWD).stream()
                    .map(line -> line.split(":", -1))
                    .filter(fields -> fields.length > 5 && fields[0].equals(user))
                    .map(fields -> fields[5])
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
