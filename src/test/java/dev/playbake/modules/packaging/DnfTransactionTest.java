package dev.playbake.modules.packaging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a transaction did (the rpm database before and after) and would do (check mode's table). */
class DnfTransactionTest {

    @Test
    void theRpmDatabaseDifferenceIsAnsiblesResults() {
        RpmPackages before = RpmPackages.parse("pb-hello-1.0-1.noarch\nbash-5.2-1.x86_64\n");
        RpmPackages after = RpmPackages.parse("bash-5.2-1.x86_64\npb-hello-2.0-1.noarch\npb-lib-1:1.0-1.noarch\n");
        assertEquals(List.of("Installed: pb-hello-2.0-1.noarch", "Installed: pb-lib-1:1.0-1.noarch",
                "Removed: pb-hello-1.0-1.noarch"), before.changesTo(after));
        assertEquals(List.of(), after.changesTo(after));
    }

    @Test
    void checkModeReadsEverySectionOfTheTableAndWrappedRows() {
        String output = """
                Dependencies resolved.
                ================================================================================
                 Package             Architecture      Version           Repository        Size
                ================================================================================
                Installing:
                 pb-tool             noarch            1.0-1             local            6.0 k
                Upgrading:
                 pb-hello            noarch            2.0-1             local            6.0 k
                Installing dependencies:
                 a-package-with-a-name-longer-than-the-column
                                     noarch            1:3.1-2.fc39      local            9.1 k
                Removing:
                 pb-extra            noarch            1.0-1             @extra             4 \s
                Removing dependent packages:
                 pb-old              noarch            0.9-1             @System            4 \s

                Transaction Summary
                ================================================================================
                Install  2 Packages

                Operation aborted.
                """;
        assertEquals(List.of("Installed: pb-tool-1.0-1.noarch", "Installed: pb-hello-2.0-1.noarch",
                "Installed: a-package-with-a-name-longer-than-the-column-1:3.1-2.fc39.noarch",
                "Removed: pb-extra-1.0-1.noarch", "Removed: pb-old-0.9-1.noarch"), DnfTransactionTable.results(output));
    }

    @Test
    void nothingToDoIsNoResults() {
        assertEquals(List.of(), DnfTransactionTable.results("Dependencies resolved.\nNothing to do.\nComplete!\n"));
    }
}
