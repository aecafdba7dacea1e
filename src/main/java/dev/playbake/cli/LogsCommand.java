package dev.playbake.cli;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code playbake logs NAME}: a build's log from the operator, through the Kubernetes API with the user's own
 * kubeconfig; the operator shows it to whoever may get the ImageBuild.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the log of an ImageBuild's build (the current or last one by default).")
public class LogsCommand implements Callable<Integer> {

    /** The API the operator serves through the API server's aggregation layer. */
    static final String API = "apis/logs.playbake.dev/v1alpha1";

    @Parameters(index = "0", paramLabel = "NAME", description = "The ImageBuild.")
    String name;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Its namespace (default: the kubeconfig context's, else default).")
    String namespace;

    @Option(names = "--build", paramLabel = "K",
            description = "Which build: its counter (status.history's counter) or build ID; default the current or last.")
    String build;

    @Option(names = {"-f", "--follow"}, description = "Keep printing a running build's log until the build ends.")
    boolean follow;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig (default: KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: its current one).")
    String context;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        Config config;
        try {
            config = kubeconfig == null ? Config.autoConfigure(context)
                    : Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
        } catch (IOException | RuntimeException e) {
            err.println("playbake logs: cannot read the kubeconfig" + (kubeconfig == null ? "" : " " + kubeconfig)
                    + ": " + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
            return BuildCommand.BAD_INPUT;
        }
        ClientKeyAlgorithm.apply(config);
        String ns = Optional.ofNullable(namespace).or(() -> Optional.ofNullable(config.getNamespace())).orElse("default");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/" + API + "/namespaces/"
                    + encode(ns) + "/imagebuilds/" + encode(name) + "/log" + query();
            HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).build();
            HttpResponse<InputStream> response = client.getHttpClient().sendAsync(request, InputStream.class)
                    .get(follow ? 60 : 120, TimeUnit.SECONDS);
            try (InputStream body = response.body()) {
                if (response.code() != 200) {
                    err.println("playbake logs: " + refusal(response.code(), new String(body.readAllBytes(),
                            StandardCharsets.UTF_8), ns));
                    return response.code() >= 500 ? BuildCommand.UNREACHABLE : BuildCommand.FAILED;
                }
                byte[] buffer = new byte[8192];
                for (int n; (n = body.read(buffer)) > 0; ) {
                    System.out.write(buffer, 0, n);
                    System.out.flush();
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BuildCommand.FAILED;
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException
                    ? Optional.ofNullable(e.getCause()).orElse(e) : e;
            err.println("playbake logs: could not reach the Kubernetes API server at " + config.getMasterUrl() + " ("
                    + Optional.ofNullable(cause.getCause()).map(Throwable::getMessage).orElse(cause.getMessage()) + ")");
            return BuildCommand.UNREACHABLE;
        }
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        if (build != null) {
            query.append("?build=").append(encode(build));
        }
        if (follow) {
            query.append(query.isEmpty() ? "?" : "&").append("follow=true");
        }
        return query.toString();
    }

    /** What a refusal means, with the API server's own message where it sent one. */
    static String refusal(int code, String body, String namespace) {
        String message = status(body).map(Status::getMessage).orElse(body.strip());
        return switch (code) {
            case 404 -> message.contains("could not find the requested resource") || message.isEmpty()
                    ? "the cluster has no build log API (APIService v1alpha1.logs.playbake.dev): is the playbake"
                    + " operator installed there, with its log API?" : message;
            case 503 -> "the playbake operator's log API is not available (" + message + "): is the operator running,"
                    + " and can the API server reach it (kubectl get apiservice v1alpha1.logs.playbake.dev)?";
            case 401 -> "the Kubernetes API server did not accept your credentials (" + message + ")";
            case 403 -> message + (message.contains("imagebuilds/log") ? " (the chart grants it to every"
                    + " authenticated user; is the ClusterRole playbake-log-reader bound?)" : "");
            default -> "HTTP " + code + ": " + message + " (namespace " + namespace + ")";
        };
    }

    private static Optional<Status> status(String body) {
        try {
            Status status = Serialization.unmarshal(body, Status.class);
            return Optional.ofNullable(status).filter(s -> s.getMessage() != null);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
