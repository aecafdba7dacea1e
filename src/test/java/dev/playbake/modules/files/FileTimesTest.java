package dev.playbake.modules.files;

import dev.playbake.modules.Args;
import dev.playbake.modules.ModuleException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTimesTest {

    @Test
    void timesAreReadAsPythonsStrptimeReadsThem() {
        // python3 -c "import time; print(time.strftime('%Y%m%d%H%M.%S', time.strptime(VALUE, FORMAT)))"
        assertEquals("202001021304.05", FileTimes.touchStamp("202001021304.05", "%Y%m%d%H%M.%S"));
        assertEquals("202103070405.00", FileTimes.touchStamp("2021-3-7 4:05", "%Y-%m-%d %H:%M"));
        assertEquals("202103070000.00", FileTimes.touchStamp("07/03/21", "%d/%m/%y"));
        assertEquals("199901010000.00", FileTimes.touchStamp("99", "%y"));
        ModuleException e = assertThrows(ModuleException.class, () -> FileTimes.touchStamp("2020-01-02", "%Y%m%d%H%M.%S"));
        assertTrue(e.getMessage().endsWith("time data '2020-01-02' does not match format '%Y%m%d%H%M.%S'"));
    }

    @Test
    void unsetTimesAreNowForTouchAndPreservedOtherwise() {
        assertTrue(FileTimes.of(new Args(Map.of()), "file").preservesBoth());
        assertEquals("touch -- /f || exit 1\necho changed\n", FileTimes.of(new Args(Map.of()), "touch").script("/f", false));
        // an unquoted YAML time is a float; Ansible reads it back as the text written
        assertTrue(FileTimes.of(new Args(Map.of("modification_time", 202001021304.05)), "file").script("/f", false)
                .contains("touch -m -t 202001021304.05 -- /f"));
    }
}
