package dev.playbake.api;

/**
 * One thing wrong with an ImageBuild spec.
 *
 * @param field   the field's path, e.g. {@code spec.output.image}
 * @param message what is wrong with it
 */
public record SpecProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
