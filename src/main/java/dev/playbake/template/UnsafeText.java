package dev.playbake.template;

/** A string marked {@code !unsafe}: never templated, as in Ansible. */
public record UnsafeText(String text) {

    @Override
    public String toString() {
        return text;
    }
}
