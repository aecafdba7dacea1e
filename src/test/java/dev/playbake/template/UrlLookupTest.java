package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lookup('url')'s options, results and messages as ansible-core 2.14's plugin has them, over a scripted fetcher. */
class UrlLookupTest {

    private final List<UrlFetcher.Request> asked = new ArrayList<>();

    private final Variables vars = name -> Optional.empty();

    private Templar answering(UrlFetcher.Answer answer) {
        return new Templar(new LookupPlugins(NoFiles.FINDER, PasswordStore.inMemory(),
                ControllerEnvironment.only(Map.of()), request -> {
                    asked.add(request);
                    return answer;
                }));
    }

    private static UrlFetcher.Answer body(String text) {
        return new UrlFetcher.Answer.Body(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesAreItemsByDefaultAndTheWholeBodyWithoutSplitLines() {
        Templar templar = answering(body("a\r\n\nb\rc\n"));
        assertEquals(List.of("a", "", "b", "c"), templar.render("{{ query('url', 'http://h/k') }}", vars));
        assertEquals(List.of("a", "", "b", "c"), templar.render("{{ lookup('url', 'http://h/k', wantlist=True) }}", vars));
        assertEquals("a,,b,c", templar.render("{{ lookup('url', 'http://h/k') }}", vars));
        assertEquals("a\r\n\nb\rc\n", templar.render("{{ lookup('ansible.builtin.url', 'http://h/k', split_lines=False) }}", vars));
        assertEquals(List.of("a\r\n\nb\rc\n", "a\r\n\nb\rc\n"),
                templar.render("{{ query('url', 'http://h/1', 'http://h/2', split_lines='no') }}", vars));
    }

    @Test
    void optionsBecomeTheRequest() {
        answering(body("x")).render("{{ lookup('url', 'https://h/api', headers={'X-Token': 'abc'}, force=True, "
                + "http_agent='role/1', timeout=2.5, validate_certs=False, username='u', password='p', "
                + "force_basic_auth='yes', follow_redirects='none', use_proxy=False, ca_path='/ca.pem') }}", vars);
        UrlFetcher.Request request = asked.get(0);
        assertEquals("https://h/api", request.url());
        assertEquals(Map.of("X-Token", "abc", "User-Agent", "role/1", "Cache-Control", "no-cache"), request.headers());
        assertEquals(3, request.timeoutSeconds());
        assertEquals(List.of(false, true, false), List.of(request.validateCerts(), request.forceBasicAuth(),
                request.followRedirects()));
        assertEquals(List.of("u", "p"), List.of(request.username(), request.password()));
    }

    @Test
    void defaultsAreThePlugins() {
        answering(body("x")).render("{{ lookup('url', 'http://h/') }}", vars);
        UrlFetcher.Request request = asked.get(0);
        assertEquals(Map.of("User-Agent", "ansible-httpget"), request.headers());
        assertEquals(10, request.timeoutSeconds());
        assertEquals(List.of(true, false, true), List.of(request.validateCerts(), request.forceBasicAuth(),
                request.followRedirects()));
        assertEquals("", request.username());
    }

    @Test
    void failuresSayWhatAnsibleSays() {
        TemplateException http = assertThrows(TemplateException.class, () -> answering(
                new UrlFetcher.Answer.HttpError("HTTP Error 404: Not Found")).render("{{ lookup('url', 'http://h/x') }}", vars));
        assertTrue(http.getMessage().startsWith("Received HTTP error for http://h/x : HTTP Error 404: Not Found"),
                http.getMessage());
        TemplateException down = assertThrows(TemplateException.class, () -> answering(new UrlFetcher.Answer.Unreachable(
                "<urlopen error [Errno 111] Connection refused>")).render("{{ lookup('url', 'http://h/x') }}", vars));
        assertTrue(down.getMessage().startsWith("Failed lookup url for http://h/x : <urlopen error [Errno 111] "
                + "Connection refused>"), down.getMessage());
        assertEquals("none", answering(new UrlFetcher.Answer.HttpError("HTTP Error 500: Internal Server Error"))
                .render("{{ lookup('url', 'http://h/x', errors='ignore') | default('none', true) }}", vars));
    }

    @Test
    void optionsItCannotHonourAreRefusedByName() {
        TemplateException socket = assertThrows(TemplateException.class, () -> answering(body("x"))
                .render("{{ lookup('url', 'http://h/', unix_socket='/run/docker.sock') }}", vars));
        assertTrue(socket.getMessage().contains("unix_socket is not supported"), socket.getMessage());
        assertThrows(TemplateException.class, () -> answering(body("x"))
                .render("{{ lookup('url', 'http://h/', use_gssapi=True) }}", vars));
        assertThrows(TemplateException.class, () -> answering(body("x"))
                .render("{{ lookup('url', 'http://h/', headers='X-A: b') }}", vars));
        assertEquals(List.of(), asked, "nothing was requested");
    }

    @Test
    void aTemplarWithoutAFetcherMakesNoRequest() {
        TemplateException e = assertThrows(TemplateException.class, () -> new Templar(new LookupPlugins(NoFiles.FINDER))
                .render("{{ lookup('url', 'http://h/') }}", vars));
        assertTrue(e.getMessage().contains("makes no HTTP requests"), e.getMessage());
    }
}
