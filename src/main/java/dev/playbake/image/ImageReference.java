package dev.playbake.image;

import java.util.Optional;

/**
 * An image reference split the way Docker reads it: {@code [registry/]repository[:tag][@digest]}.
 *
 * @param registry   host[:port], or empty for Docker Hub
 * @param repository the repository path, including the registry when there is one
 * @param tag        tag, or empty
 * @param digest     {@code sha256:…}, or empty
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** Parses a reference; a malformed one is an IllegalArgumentException naming it. */
    public static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank() || reference.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not an image reference: '" + reference + "'");
        }
        String rest = reference;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!digest.matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("not an image digest in '" + reference + "': " + digest);
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("image reference without a repository: '" + reference + "'");
        }
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return new ImageReference(hasRegistry ? first : "", rest, tag, digest);
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
