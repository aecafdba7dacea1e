package dev.playbake.engine;

import dev.playbake.playbook.SourceFiles;
import dev.playbake.template.LookupPlugins;
import dev.playbake.template.Templar;
import dev.playbake.template.TemplateException;
import dev.playbake.template.Variables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybookFilesTest {

    private final PlaybookFiles files = new PlaybookFiles(new SourceFiles(Map.of(
            "playbook.yml", new byte[0], "files/motd", "hi\n".getBytes())));

    @Test
    void theControllerIsTheBuildContext() {
        assertEquals(Optional.of("file"), files.pathType("files/motd"));
        assertEquals(Optional.of("file"), files.pathType("./files/../files/motd"));
        assertEquals(Optional.of("directory"), files.pathType("files"));
        assertEquals(Optional.of("file"), files.pathType(PlaybookFiles.ROOT + "/files/motd"));
        assertEquals(Optional.of("directory"), files.pathType(PlaybookFiles.ROOT));
        assertEquals(Optional.empty(), files.pathType("files/missing"));
    }

    @Test
    void aPathOutsideTheBuildContextIsAnError() {
        TemplateException error = assertThrows(TemplateException.class, () -> files.pathType("/etc/hosts"));
        assertTrue(error.getMessage().contains("build context"), error.getMessage());
    }

    /** An attacker's lookups for the operator's own files: none reads the machine, each fails or finds nothing. */
    @Test
    void lookupsNeverReadTheMachinesFiles() {
        Templar templar = new Templar(new LookupPlugins(files));
        Variables vars = name -> Optional.empty();
        for (String read : List.of("{{ lookup('file', '/etc/hostname') }}",
                "{{ lookup('file', '../../../../../etc/hostname') }}",
                "{{ lookup('file', '/playbook/../../etc/hostname') }}",
                "{{ lookup('template', '/etc/hostname') }}",
                "{{ lookup('first_found', {'files': ['hostname'], 'paths': ['/etc']}) }}",
                "{{ lookup('pipe', 'id') }}", "{{ lookup('lines', 'cat /etc/hostname') }}",
                "{{ lookup('url', 'http://127.0.0.1/') }}", "{{ lookup('ini', 'x file=/etc/os-release') }}")) {
            assertThrows(TemplateException.class, () -> templar.render(read, vars), read);
        }
        assertEquals(List.of(), templar.render("{{ query('fileglob', '/etc/*') }}", vars));
        assertEquals(List.of(), templar.render("{{ query('fileglob', '../../../etc/*') }}", vars));
        assertEquals("hi", templar.render("{{ lookup('file', '../../files/motd') }}", vars), "'..' stops at the root");
    }
}
