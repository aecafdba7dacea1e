package dev.playbake.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExecFormTest {

    @Test
    void aJsonArrayIsTheExecForm() {
        assertEquals(List.of("nginx", "-g", "daemon off;"), ExecForm.parse("--cmd", "[\"nginx\",\"-g\",\"daemon off;\"]"));
        assertEquals(List.of("/bin/web"), ExecForm.parse("--cmd", " [ \"/bin/web\" ] "));
    }

    @Test
    void anythingElseIsTheShellFormAsInADockerfile() {
        assertEquals(List.of("/bin/sh", "-c", "exec nginx -g 'daemon off;'"),
                ExecForm.parse("--entrypoint", "exec nginx -g 'daemon off;'"));
    }

    @Test
    void aBrokenOrEmptyArrayIsRefusedNotRunThroughTheShell() {
        assertEquals("--cmd [\"nginx\": not a JSON array of strings (the exec form, e.g. '[\"nginx\", \"-g\","
                        + " \"daemon off;\"]'): the JSON breaks at character 9",
                message("--cmd", "[\"nginx\""));
        assertEquals("--cmd [\"a\"] x: not a JSON array of strings (the exec form, e.g. '[\"nginx\", \"-g\","
                + " \"daemon off;\"]'): the JSON breaks at character 7", message("--cmd", "[\"a\"] x"));
        assertEquals("--entrypoint [\"a\", 1]: not a JSON array of strings (the exec form): 1 is not a string",
                message("--entrypoint", "[\"a\", 1]"));
        assertEquals("--cmd []: an empty command cannot be set; without --cmd the image keeps the base image's",
                message("--cmd", "[]"));
        assertEquals("--cmd: the command is empty", message("--cmd", " "));
    }

    private static String message(String flag, String value) {
        return assertThrows(BadInputException.class, () -> ExecForm.parse(flag, value)).getMessage();
    }
}
