package dev.playbake.modules.packaging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DnfCommandsTest {

    @Test
    void aCallIsOneQuotedDnfLine() {
        DnfCommands dnf = new DnfCommands(List.of("--enablerepo=extra", "--disablerepo=*"), true);
        assertEquals("LC_ALL=C dnf -y --enablerepo=extra '--disablerepo=*' --refresh install -- pb-hello-1.0 'pb*'",
                dnf.line(new DnfCommands.Call("install", List.of("pb-hello-1.0", "pb*")), false));
    }

    @Test
    void checkModeAnswersNoAndAVerbAloneHasNoSeparator() {
        assertEquals("LC_ALL=C dnf --assumeno autoremove",
                new DnfCommands(List.of(), false).line(new DnfCommands.Call("autoremove", List.of()), true));
    }
}
