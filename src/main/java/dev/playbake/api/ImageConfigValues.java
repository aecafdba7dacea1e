package dev.playbake.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the values of an image configuration must look like, checked before a build starts, for
 * {@code spec.config} and the CLI's flags alike: Docker takes most of them at commit time and the image
 * breaks only when it is run. Each check gives why a value is refused, worded to follow the value.
 */
public final class ImageConfigValues {

    private static final Pattern PORT = Pattern.compile("([0-9]{1,5})(?:/(tcp|udp|sctp))?");
    private static final Pattern USER = Pattern.compile("[^\\s:]+(:[^\\s:]+)?");
    private static final int MAX_PORT = 65535;

    private ImageConfigValues() {
    }

    /** Why this is not an exposed port ({@code 8080}, {@code 8080/tcp}, {@code 53/udp}), if it is not. */
    public static Optional<String> portProblem(String port) {
        Matcher matcher = PORT.matcher(port);
        int number = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
        if (number < 1 || number > MAX_PORT) {
            return Optional.of("not a port: give PORT or PORT/PROTOCOL, PORT from 1 to " + MAX_PORT
                    + " and PROTOCOL tcp (the default), udp or sctp");
        }
        return Optional.empty();
    }

    /** Why a working directory or volume path is refused: a container resolves neither against anything. */
    public static Optional<String> pathProblem(String path) {
        return path.startsWith("/") ? Optional.empty() : Optional.of("not an absolute path (it must start with /)");
    }

    /** Why this is not an environment variable's name: Docker splits {@code NAME=VALUE} at the first '='. */
    public static Optional<String> envNameProblem(String name) {
        if (name.isEmpty() || name.contains("=") || name.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("not an environment variable name (not empty, no '=', no spaces)");
        }
        return Optional.empty();
    }

    /** Why this is not a label key. */
    public static Optional<String> labelKeyProblem(String key) {
        return key.isBlank() ? Optional.of("not a label key (it is empty)") : Optional.empty();
    }

    /** Why this is not {@code user[:group]} (a name or an id each). */
    public static Optional<String> userProblem(String user) {
        return USER.matcher(user).matches() ? Optional.empty()
                : Optional.of("not a user: give USER or USER:GROUP, names or ids, without spaces");
    }
}
