package dev.playbake.operator;

import dev.playbake.imagebuild.TaskStart;
import dev.playbake.imagebuild.BuildOutline;
import java.util.OptionalInt;
import dev.playbake.image.ImageReference;
import dev.playbake.imagebuild.BuildFailure;
import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildPhase;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.Builder;
import dev.playbake.imagebuild.CancellationSignal;
import dev.playbake.imagebuild.TaskReport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Builder without Docker whose behaviour the ImageBuild's vars choose: {@code fake_outcome} (succeed, fail,
 * host-down; default succeed) and {@code fake_duration_ms} (default 300). It honours cancellation, records
 * every request, and how many builds ran at once.
 */
public final class ScriptedBuilder implements Builder {

    private final List<BuildRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, CancellationSignal> signals = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    @Override
    public BuildResult build(BuildRequest request, BuildListener listener, CancellationSignal cancellation) {
        requests.add(request);
        signals.put(request.buildId(), cancellation);
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            listener.phase(BuildPhase.PROVISIONING);
            listener.planned(new BuildOutline(2, "busybox", List.of("x:1")));
            listener.phase(BuildPhase.RUNNING);
            listener.taskStarted(new TaskStart(0, "write a file", OptionalInt.of(1), false));
            long until = System.currentTimeMillis() + Long.parseLong(String.valueOf(request.extraVars().getOrDefault("fake_duration_ms", 300)));
            while (System.currentTimeMillis() < until) {
                if (cancellation.isCanceled()) {
                    return new BuildResult.Canceled(cancellation.reason().orElseThrow(), List.of());
                }
                Thread.sleep(10);
            }
            TaskReport first = new TaskReport(0, "write a file", TaskReport.Status.CHANGED, 300);
            listener.taskFinished(first);
            String outcome = String.valueOf(request.extraVars().getOrDefault("fake_outcome", "succeed"));
            if (outcome.equals("fail")) {
                TaskReport failed = new TaskReport(1, "break", TaskReport.Status.FAILED, 5);
                String secrets = String.join(",", request.secretVars().values());
                return new BuildResult.Failed(new BuildFailure(BuildFailure.Reason.PLAYBOOK_FAILED,
                        "the task failed with " + secrets, java.util.Optional.of("playbook.yml"), 9,
                        java.util.Optional.of("break"), "stderr: " + secrets, java.util.Optional.empty()),
                        List.of(first, failed));
            }
            if (outcome.equals("host-down")) {
                return new BuildResult.Failed(BuildFailure.of(BuildFailure.Reason.HOST_UNAVAILABLE, "docker is gone"),
                        List.of(first));
            }
            listener.phase(BuildPhase.PUSHING);
            String digest = "sha256:" + sha256(request.buildId());
            return new BuildResult.Succeeded("sha256:" + sha256("image" + request.buildId()), java.util.Optional.of(digest),
                    request.tags(), 1000, 0, List.of(first, new TaskReport(1, "done", TaskReport.Status.OK, 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BuildResult.Canceled("interrupted", List.of());
        } finally {
            running.decrementAndGet();
        }
    }

    public List<BuildRequest> requestsOf(String owner) {
        return requests.stream().filter(r -> r.owner().equals(owner)).toList();
    }

    public CancellationSignal signal(String buildId) {
        return signals.get(buildId);
    }

    public int maxRunning() {
        return maxRunning.get();
    }

    public String repositoryOf(BuildRequest request) {
        return ImageReference.parse(request.tags().get(0)).repository();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
