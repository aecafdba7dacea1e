package dev.playbake.image;

/**
 * A user name and password for one registry. {@link #toString()} never shows the password.
 *
 * @param registry host[:port] as it appears in image references
 */
public record RegistryCredentials(String registry, String username, String password) {

    @Override
    public String toString() {
        return "RegistryCredentials[registry=" + registry + ", username=" + username + ", password=***]";
    }
}
