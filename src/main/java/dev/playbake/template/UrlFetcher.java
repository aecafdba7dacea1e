package dev.playbake.template;

import java.util.Map;

/**
 * Where {@code lookup('url')} gets a URL's body. The template layer knows no HTTP client and no egress policy: the
 * engine lends one that goes through the build's policy, as module HTTP does.
 */
@FunctionalInterface
public interface UrlFetcher {

    /** One GET, redirects followed as {@code followRedirects} says; never throws for the server's answer. */
    Answer fetch(Request request);

    /** No HTTP at all, for templars that render without a build (tests, parsing). */
    static UrlFetcher none() {
        return request -> new Answer.Refused("refused: this templar makes no HTTP requests");
    }

    /**
     * What the url lookup asks for, with its options already read.
     *
     * @param headers         request headers, {@code User-Agent} and {@code force}'s {@code Cache-Control} included
     * @param timeoutSeconds  connect and read timeout, whole seconds (rounded up)
     * @param followRedirects false only for the lookup's {@code none}/{@code no} (a GET follows every other choice)
     */
    record Request(String url, Map<String, String> headers, String username, String password,
                   boolean forceBasicAuth, boolean validateCerts, int timeoutSeconds, boolean followRedirects) {

        public Request {
            headers = Map.copyOf(headers);
        }
    }

    /** How a fetch ended. */
    sealed interface Answer {

        /** A 2xx answer, after redirects. */
        record Body(byte[] bytes) implements Answer {
        }

        /** Any other final status; {@code message} as urllib's HTTPError prints ({@code HTTP Error 404: Not Found}). */
        record HttpError(String message) implements Answer {
        }

        /** No answer; {@code reason} as urllib's URLError prints it ({@code <urlopen error …>}). */
        record Unreachable(String reason) implements Answer {
        }

        /** The build's egress policy refused the host: nothing was sent. */
        record Refused(String reason) implements Answer {
        }
    }
}
