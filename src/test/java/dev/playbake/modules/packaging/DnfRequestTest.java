package dev.playbake.modules.packaging;

import dev.playbake.modules.Args;
import dev.playbake.modules.ModuleException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnfRequestTest {

    private static DnfRequest parse(Object... keyValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            args.put((String) keyValues[i], keyValues[i + 1]);
        }
        return DnfRequest.parse("dnf", new Args(args));
    }

    @Test
    void namesComeAsAListOrCommaTextAndStatesFoldAsAnsibleDoes() {
        DnfRequest request = parse("name", "pb-hello, pb-lib-1.0", "state", "installed");
        assertEquals(List.of("pb-hello", "pb-lib-1.0"), request.names());
        assertEquals("present", request.state());
        assertEquals("absent", parse("pkg", List.of("a"), "state", "removed").state());
        assertEquals("latest", parse("name", "a", "state", "latest").state());
        assertEquals("present", parse("name", "a").state());
    }

    @Test
    void autoremoveWithoutAStateMeansAbsent() {
        DnfRequest request = parse("autoremove", true);
        assertEquals("absent", request.state());
        assertTrue(request.autoremove());
        assertTrue(request.options().contains("--setopt=clean_requirements_on_remove=True"));
    }

    @Test
    void optionsFollowAnsiblesDefaultsAndRepositoryOrder() {
        DnfRequest request = parse("name", "a", "enablerepo", "extra", "disablerepo", List.of("*"),
                "disable_gpg_check", "yes", "install_weak_deps", false, "update_cache", true, "exclude", "b,c");
        assertEquals(List.of("--disablerepo=*", "--enablerepo=extra", "--nogpgcheck",
                "--setopt=install_weak_deps=False", "--setopt=clean_requirements_on_remove=False",
                "--exclude=b", "--exclude=c"), request.options());
        assertTrue(request.updateCache());
        assertFalse(parse("name", "a").updateCache());
        assertTrue(parse("name", "a", "state", "latest", "nobest", true).options().contains("--best"),
                "latest takes the best candidate, as Ansible sets it");
        assertEquals(List.of("--setopt=install_weak_deps=True", "--setopt=clean_requirements_on_remove=False"),
                parse("name", "a").options());
    }

    @Test
    void unsupportedArgumentsAndSpecsAreNamed() {
        assertEquals("dnf: the argument 'download_only' is not supported by playbake (it runs dnf's command line, "
                + "without Python); supported: name, pkg, state, update_cache, expire-cache, disable_gpg_check, "
                + "enablerepo, disablerepo, install_weak_deps, autoremove, update_only, releasever, exclude, "
                + "allowerasing, nobest, skip_broken, cacheonly, conf_file, lock_timeout, install_repoquery, use_backend",
                assertThrows(ModuleException.class, () -> parse("name", "a", "download_only", true)).getMessage());
        assertTrue(assertThrows(ModuleException.class, () -> parse("name", "@Development tools"))
                .getMessage().contains("groups and modules (@name) are not supported"));
        assertTrue(assertThrows(ModuleException.class, () -> parse("name", "httpd>=2.4"))
                .getMessage().contains("version comparisons are not supported"));
        assertTrue(assertThrows(ModuleException.class, () -> parse("name", "https://x/a.rpm"))
                .getMessage().contains("fetch the rpm with get_url"));
        assertTrue(assertThrows(ModuleException.class, () -> parse("name", "a", "state", "fixed"))
                .getMessage().contains("value of state must be one of"));
        assertTrue(assertThrows(ModuleException.class, () -> parse("name", "a", "use_backend", "yum"))
                .getMessage().contains("yum 3"));
    }
}
