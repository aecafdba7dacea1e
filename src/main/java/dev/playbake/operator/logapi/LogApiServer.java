package dev.playbake.operator.logapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.operator.reconcile.BuildLogs;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves build logs to the API server's aggregation layer over TLS: only to a client with a front-proxy
 * certificate ({@link RequestHeaderAuthentication}), for the user it names, when that user may get the ImageBuild
 * ({@link LogAccess}). {@code ?build=} picks a build (counter or ID), {@code ?follow=true} streams a running
 * build's log until it ends. Every replica serves: logs are read from the API server, not from the leader.
 */
public final class LogApiServer implements AutoCloseable {

    public static final String GROUP = "logs.playbake.dev";
    public static final String VERSION = "v1alpha1";
    static final String PREFIX = "/apis/" + GROUP + "/" + VERSION;
    /** How often a followed log is read again. */
    static final Duration FOLLOW_POLL = Duration.ofSeconds(1);
    /** How long a follower waits for a build's log to appear before it is told there is none. */
    static final Duration FIRST_LOG = Duration.ofSeconds(60);
    /** How long a followed log may stand still before the lookup is asked whether its build is still current. */
    static final Duration STALE = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(LogApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOG_PATH = Pattern.compile(
            Pattern.quote(PREFIX) + "/namespaces/([a-z0-9]([-a-z0-9]*[a-z0-9])?)/imagebuilds/"
                    + "([a-z0-9]([-a-z0-9.]*[a-z0-9])?)/log/?");

    private final RequestHeaderAuthentication authentication;
    private final LogAccess access;
    private final BuildLogLookup lookup;
    private final BuildLogs logs;
    private final ExecutorService workers;
    private final HttpServer server;

    /** @param maxRequests requests served at once (each followed log holds one); more get 429 */
    public LogApiServer(Vertx vertx, int port, KeyCertOptions certificate, RequestHeaderAuthentication authentication,
                        LogAccess access, BuildLogLookup lookup, BuildLogs logs, int maxRequests) {
        this.authentication = authentication;
        this.access = access;
        this.lookup = lookup;
        this.logs = logs;
        this.workers = new ThreadPoolExecutor(1, maxRequests, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, "playbake-log-api");
            thread.setDaemon(true);
            return thread;
        });
        HttpServerOptions options = new HttpServerOptions().setPort(port).setSsl(true).setKeyCertOptions(certificate)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(authentication.caPem())))
                .setClientAuth(ClientAuth.REQUIRED);
        this.server = vertx.createHttpServer(options).requestHandler(this::handle);
    }

    /** Listens; returns once the port is bound. */
    public LogApiServer start() {
        server.listen().toCompletionStage().toCompletableFuture().join();
        LOG.infof("build log API listening on port %d (%s)", server.actualPort(), PREFIX);
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.pause();
        try {
            workers.execute(() -> serve(request));
        } catch (RejectedExecutionException e) {
            status(request.response(), 429, "TooManyRequests", "too many build logs are being read at once; try again");
        }
    }

    private void serve(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        try {
            Optional<X509Certificate> client = clientCertificate(request);
            Optional<ApiUser> user = client.flatMap(c -> authentication.authenticate(c, request.headers()::getAll,
                    List.copyOf(request.headers().names())));
            if (user.isEmpty()) {
                status(response, 401, "Unauthorized", "only the Kubernetes API server's front proxy may call this API");
                return;
            }
            if (!"GET".equals(request.method().name())) {
                status(response, 405, "MethodNotAllowed", "the build log API only answers GET");
                return;
            }
            String path = request.path();
            if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
                json(response, resourceList());
                return;
            }
            Matcher log = LOG_PATH.matcher(path);
            if (!log.matches()) {
                status(response, 404, "NotFound", "the build log API serves " + PREFIX
                        + "/namespaces/NAMESPACE/imagebuilds/NAME/log");
                return;
            }
            String namespace = log.group(1);
            String name = log.group(3);
            if (!access.mayGet(user.get(), namespace, name)) {
                status(response, 403, "Forbidden", "user \"" + user.get().name() + "\" cannot read the build logs of"
                        + " ImageBuild " + namespace + "/" + name + ": that takes get on imagebuilds.playbake.dev");
                return;
            }
            Optional<String> build = Optional.ofNullable(request.getParam("build")).filter(b -> !b.isBlank());
            boolean follow = "true".equals(request.getParam("follow")) || "1".equals(request.getParam("follow"));
            BuildLogLookup.Result found = lookup.find(namespace, name, build);
            long giveUp = System.nanoTime() + FIRST_LOG.toNanos();
            while (follow && found instanceof BuildLogLookup.Missing missing && missing.pending()
                    && System.nanoTime() < giveUp && !response.closed() && !Thread.currentThread().isInterrupted()) {
                // `kubectl apply` then `playbake logs --follow`: the build is queued, or its first lines not stored yet
                sleep(FOLLOW_POLL);
                found = lookup.find(namespace, name, build);
            }
            if (found instanceof BuildLogLookup.Missing missing) {
                status(response, missing.code(), missing.reason(), missing.message());
                return;
            }
            BuildLogLookup.Found shown = (BuildLogLookup.Found) found;
            response.setChunked(true).putHeader("Content-Type", "text/plain; charset=utf-8");
            response.write(shown.log().text());
            if (follow && !shown.log().complete()) {
                follow(request, response, namespace, name, shown);
            }
            response.end();
        } catch (RuntimeException e) {
            LOG.warnf("build log request %s failed: %s", request.path(), e.getMessage());
            if (!response.headWritten()) {
                status(response, 500, "InternalError", "the operator could not read the log: " + e.getMessage());
            } else if (!response.ended()) {
                response.end();
            }
        }
    }

    /** Writes what the log grows by until its build ended, the client left, or the build is no longer current. */
    private void follow(HttpServerRequest request, HttpServerResponse response, String namespace, String name,
                        BuildLogLookup.Found found) {
        String uid = found.uid();
        String buildId = found.log().key().buildId();
        int sent = found.log().text().length();
        long still = System.nanoTime();
        while (!response.closed() && !Thread.currentThread().isInterrupted()) {
            sleep(FOLLOW_POLL);
            Optional<BuildLogs.Stored> now = logs.read(uid, buildId);
            if (now.isEmpty()) {
                return;
            }
            String text = now.get().text();
            if (text.length() > sent) {
                response.write(text.substring(sent));
                sent = text.length();
                still = System.nanoTime();
            } else if (text.length() < sent) {
                // the stored log was cut in its middle to fit: what was sent no longer lines up with it
                response.write("[... the log grew past what is kept; following from its end ...]\n");
                sent = text.length();
            }
            if (now.get().complete()) {
                return;
            }
            if (System.nanoTime() - still > STALE.toNanos()) {
                if (!current(namespace, name, buildId)) {
                    response.write("[the build ended without its log being completed: the operator that ran it stopped]\n");
                    return;
                }
                // asked once per quiet spell, not on every poll of a log that stands still
                still = System.nanoTime();
            }
        }
    }

    private boolean current(String namespace, String name, String buildId) {
        return lookup.find(namespace, name, Optional.empty()) instanceof BuildLogLookup.Found found
                && found.log().key().buildId().equals(buildId);
    }

    private static Optional<X509Certificate> clientCertificate(HttpServerRequest request) {
        try {
            List<Certificate> chain = request.connection().peerCertificates();
            return chain.isEmpty() || !(chain.get(0) instanceof X509Certificate leaf) ? Optional.empty()
                    : Optional.of(leaf);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> resourceList() {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", "imagebuilds/log");
        resource.put("singularName", "");
        resource.put("namespaced", true);
        resource.put("kind", "ImageBuildLog");
        resource.put("verbs", List.of("get"));
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", GROUP + "/" + VERSION);
        list.put("resources", List.of(resource));
        return list;
    }

    /** A Kubernetes Status, which kubectl and client libraries show by its message. */
    private static void status(HttpServerResponse response, int code, String reason, String message) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        response.setStatusCode(code);
        json(response, status);
    }

    private static void json(HttpServerResponse response, Map<String, Object> body) {
        try {
            response.putHeader("Content-Type", "application/json").end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
        workers.shutdownNow();
    }
}
