package dev.playbake.image;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference split the way Docker reads it: {@code [registry/]repository[:tag][@digest]}.
 *
 * @param registry   host[:port], or empty for Docker Hub
 * @param repository the repository path, including the registry when there is one
 * @param tag        tag, or empty
 * @param digest     {@code sha256:…}, or empty
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** Docker's own limit on a name with its registry (distribution/reference). */
    public static final int MAX_NAME = 255;
    private static final String ALPHANUMERIC = "[a-z0-9]+";
    private static final Pattern PATH_COMPONENT = Pattern.compile(ALPHANUMERIC + "(?:(?:[._]|__|-+)" + ALPHANUMERIC + ")*");
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*|\\[[a-fA-F0-9:]+])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    /**
     * Parses a reference with Docker's grammar ({@code [host[:port]/]path[:tag][@digest]}, the path in lower case);
     * a malformed one is an IllegalArgumentException that says what is wrong with it.
     */
    public static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("an image reference may not be empty");
        }
        if (reference.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(reference, "it contains a space");
        }
        String rest = reference;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw invalid(reference, "'" + digest + "' is not a digest (sha256: and 64 lower-case hex digits)");
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(reference, "'" + tag + "' is not a tag (letters, digits, _ . and -, not first, at most"
                        + " 128 characters)");
            }
        }
        if (rest.isEmpty()) {
            throw invalid(reference, "it has no repository name");
        }
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        // Docker's rule: the first component names a registry when it has a dot or a port, is localhost, or is not
        // lower case
        boolean hasRegistry = !first.isEmpty() && (first.contains(".") || first.contains(":")
                || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT)));
        if (hasRegistry && !DOMAIN.matcher(first).matches()) {
            throw invalid(reference, "'" + first + "' is not a registry host[:port]");
        }
        String path = hasRegistry ? rest.substring(slash + 1) : rest;
        for (String component : path.split("/", -1)) {
            if (component.contains(":")) {
                throw invalid(reference, "it has more than one tag: a reference is name[:tag], and a ':' before the"
                        + " last one belongs to a registry port (host:port/name)");
            }
            if (!component.equals(component.toLowerCase(Locale.ROOT))) {
                throw invalid(reference, "the repository name must be lower case ('" + component + "')");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(reference, "'" + component + "' is not a repository name component (lower-case"
                        + " letters and digits, joined by . _ __ or -)");
            }
        }
        if (rest.length() > MAX_NAME) {
            throw invalid(reference, "the name has " + rest.length() + " characters; Docker takes at most " + MAX_NAME);
        }
        return new ImageReference(hasRegistry ? first : "", rest, tag, digest);
    }

    private static IllegalArgumentException invalid(String reference, String why) {
        String shown = reference.length() <= 80 ? reference : reference.substring(0, 77) + "...";
        return new IllegalArgumentException("'" + shown + "' is not an image reference: " + why);
    }

    /** The tag, or {@code latest} when neither a tag nor a digest was given, as Docker assumes. */
    public String tagOrLatest() {
        return tag.isEmpty() && digest.isEmpty() ? "latest" : tag;
    }

    /** This repository pinned to a digest: {@code repository@sha256:…}. */
    public String withDigest(String imageDigest) {
        return repository + "@" + imageDigest;
    }

    public Optional<String> registryHost() {
        return registry.isEmpty() ? Optional.empty() : Optional.of(registry);
    }

    @Override
    public String toString() {
        return repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}
