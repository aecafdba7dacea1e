package dev.playbake.engine;

import dev.playbake.modules.egress.EgressPolicy;
import dev.playbake.modules.support.HttpFetch;
import dev.playbake.template.UrlFetcher;

import java.util.Optional;

/**
 * {@code lookup('url')}'s requests, made by the controller (the CLI's machine, the operator's pod) as Ansible's
 * controller makes them, through the build's egress policy like {@code uri}'s, every redirect hop included. Each
 * request marks the run: what a URL answered is in no cache key, so nothing after it is reused by the next build.
 */
final class ControllerUrls implements UrlFetcher {

    private static final String URLOPEN_FAILURE = "Request failed: ";

    private final EgressPolicy egress;
    private final HostState state;

    ControllerUrls(EgressPolicy egress, HostState state) {
        this.egress = egress;
        this.state = state;
    }

    @Override
    public Answer fetch(Request request) {
        // also a failed or refused request: the outcome depends on the network, not on the build's inputs
        state.markNetworkRead();
        HttpFetch.Call call = new HttpFetch.Call(request.url(), "GET", request.headers(), new byte[0],
                request.username(), request.password(), request.forceBasicAuth(), request.timeoutSeconds(),
                request.validateCerts(), request.followRedirects(), Optional.empty());
        HttpFetch.Outcome outcome = HttpFetch.fetch(call, egress);
        if (outcome instanceof HttpFetch.Refused refused) {
            return new Answer.Refused(refused.reason());
        }
        HttpFetch.Answer answer = ((HttpFetch.Answered) outcome).answer();
        if (answer.status() < 0) {
            String msg = answer.msg();
            return new Answer.Unreachable(msg.startsWith(URLOPEN_FAILURE) ? msg.substring(URLOPEN_FAILURE.length()) : msg);
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            // urllib raises HTTPError for every final status but 2xx, redirects it did not follow too
            return new Answer.HttpError("HTTP Error " + answer.status() + ": " + HttpFetch.reason(answer.status()));
        }
        return new Answer.Body(answer.body());
    }
}
