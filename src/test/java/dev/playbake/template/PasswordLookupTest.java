package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordLookupTest {

    @Test
    void generatesOnceWithTheRequestedCharactersThenReadsTheStoredOne() {
        PasswordStore store = PasswordStore.inMemory();
        PasswordLookup lookup = new PasswordLookup(store);
        String first = lookup.lookup("creds/db length=30 chars=digits,,");
        assertTrue(first.matches("[0-9,]{30}"), first);
        assertEquals(Optional.of(first + "\n"), store.read("creds/db"));
        assertEquals(first, lookup.lookup("creds/db length=5 chars=ascii_letters"));
        assertTrue(lookup.lookup("other").matches("[A-Za-z0-9.,:_-]{20}"));
    }

    @Test
    void aDevNullPasswordIsToldToTheStoreAsDiscardedSoThatItCanBeMasked() {
        java.util.List<String> discarded = new java.util.ArrayList<>();
        PasswordStore inMemory = PasswordStore.inMemory();
        PasswordLookup lookup = new PasswordLookup(new PasswordStore() {
            @Override
            public Optional<String> read(String path) {
                return inMemory.read(path);
            }

            @Override
            public void write(String path, String content) {
                inMemory.write(path, content);
            }

            @Override
            public void discarded(String password) {
                discarded.add(password);
            }
        });
        assertEquals(java.util.List.of(lookup.lookup("/dev/null length=12")), discarded);
    }

    @Test
    void devNullIsNeverStoredAndASaltIsNotPartOfThePassword() {
        PasswordStore store = PasswordStore.inMemory();
        PasswordLookup lookup = new PasswordLookup(store);
        assertNotEquals(lookup.lookup("/dev/null length=40"), lookup.lookup("/dev/null length=40"));
        assertEquals(Optional.empty(), store.read("/dev/null"));
        store.write("salted", "s3cret salt=abcdefgh\n");
        assertEquals("s3cret", lookup.lookup("salted"));
        assertEquals(lookup.lookup("/dev/null seed=7 length=12 chars=hexdigits"),
                lookup.lookup("/dev/null seed=7 length=12 chars=hexdigits"));
    }

    @Test
    void aSeedGivesAnsiblesPassword() {
        // ansible-playbook 2.14 (Python 3.11), debug msg of each lookup('password', '/dev/null seed=...')
        PasswordLookup lookup = new PasswordLookup(PasswordStore.inMemory());
        assertEquals("0MuyBT:n9PJ0", lookup.lookup("/dev/null seed=myseed length=12"));
        assertEquals("43sgdg3im2s2mpsq", lookup.lookup("/dev/null seed=42 chars=ascii_lowercase,digits length=16"));
        assertEquals("CB496eBbf726", lookup.lookup("/dev/null seed=7 length=12 chars=hexdigits"));
    }

    @Test
    void unknownOrUnsupportedParametersAreErrors() {
        PasswordLookup lookup = new PasswordLookup(PasswordStore.inMemory());
        assertTrue(assertThrows(TemplateException.class, () -> lookup.lookup("p lenght=3")).getMessage()
                .contains("Unrecognized parameter(s) given to password lookup: lenght"));
        assertTrue(assertThrows(TemplateException.class, () -> lookup.lookup("p encrypt=sha512_crypt")).getMessage()
                .contains("password_hash"));
    }

    @Test
    void theDirectoryStoreStaysInsideItsDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PasswordStore store = PasswordStore.directory(dir);
        store.write("a/b", "x\n");
        assertEquals(Optional.of("x\n"), store.read("a/b"));
        assertThrows(TemplateException.class, () -> store.write("../escape", "x"));
        assertThrows(TemplateException.class, () -> store.read("/etc/passwd"));
    }
}
