package dev.playbake.bench;

import dev.playbake.docker.DockerHost;
import dev.playbake.imagebuild.BuildListener;
import dev.playbake.imagebuild.BuildPhase;
import dev.playbake.imagebuild.BuildRequest;
import dev.playbake.imagebuild.BuildResult;
import dev.playbake.imagebuild.CancellationSignal;
import dev.playbake.imagebuild.ImageBuilder;
import dev.playbake.imagebuild.PlaybookSource;
import dev.playbake.imagebuild.TaskReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * playbake in-process: the engine API in one warm JVM, as the operator runs it. Used by {@code bench/run}, not a
 * test. Times each case itself (wall clock around {@code ImageBuilder.build}) and writes one JSON object per case.
 *
 * <pre>
 * java -cp ... dev.playbake.bench.InProcessBench DIR BASE TAG RUNS CASES PREPARE_COLD OUT.json
 * </pre>
 * DIR is a scratch copy of a workload (edited in place), CASES a comma list of cold, nocache, warm, edit-last,
 * edit-middle; PREPARE_COLD a shell command that removes the workload's snapshots and images (run untimed before
 * each cold run).
 */
public final class InProcessBench {

    private static final Pattern LAST = Pattern.compile("edit-last=[0-9]+");
    private static final Pattern MIDDLE = Pattern.compile("edit-middle=[0-9]+");
    /** With -Dbench.trace=true, every listener event is printed with its wall-clock time (for bench/profile). */
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");

    private InProcessBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: InProcessBench DIR BASE TAG RUNS CASES PREPARE_COLD OUT.json");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        String base = args[1];
        String tag = args[2];
        int runs = Integer.parseInt(args[3]);
        List<String> cases = Arrays.asList(args[4].split(","));
        String prepareCold = args[5];
        Path out = Path.of(args[6]);
        byte[] key = "playbake-bench-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        StringBuilder json = new StringBuilder("{");
        try (DockerHost docker = DockerHost.connect("unix:///var/run/docker.sock")) {
            ImageBuilder builder = new ImageBuilder(docker, key, Map.of());
            // warm the JVM: one build that fills the cache, two that hit it; none timed
            shell(prepareCold);
            build(builder, dir, base, tag, BuildRequest.CacheMode.ENABLED, true);
            build(builder, dir, base, tag, BuildRequest.CacheMode.ENABLED, true);
            build(builder, dir, base, tag, BuildRequest.CacheMode.ENABLED, true);
            long counter = 1;
            for (String name : cases) {
                if (name.equals("parallel")) {
                    String summary = parallel(builder, dir, base, tag);
                    json.append(json.length() > 1 ? "," : "").append("\"parallel\":").append(summary);
                    System.err.println("in-process parallel: " + summary);
                    continue;
                }
                List<Measured> results = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    String runTag = tag;
                    BuildRequest.CacheMode mode = BuildRequest.CacheMode.ENABLED;
                    switch (name) {
                        case "cold" -> shell(prepareCold);
                        case "nocache" -> {
                            mode = BuildRequest.CacheMode.DISABLED;
                            // a new image each run: a tag per run, so none is left dangling
                            runTag = tag + "-nocache-" + i;
                        }
                        case "warm" -> { }
                        case "edit-last", "edit-middle" -> {
                            edit(dir, name.equals("edit-last") ? LAST : MIDDLE,
                                    (name.equals("edit-last") ? "edit-last=" : "edit-middle=") + System.nanoTime() + counter++);
                            // a tag per run: each run's image stays tagged until the cleanup removes it
                            runTag = tag + "-" + name + "-" + i;
                        }
                        default -> throw new IllegalArgumentException("unknown case " + name);
                    }
                    Listener.trace("build " + name);
                    results.add(build(builder, dir, base, runTag, mode, false));
                    Listener.trace("built " + name);
                }
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(name).append("\":").append(summary(results));
                System.err.println("in-process " + name + ": " + summary(results));
            }
        }
        json.append('}');
        Files.writeString(out, json.toString());
    }

    /**
     * Issue 8's concurrency target: 20 cold builds (cache disabled, so each does the whole work) on a pool of 4
     * threads, as the operator with concurrency 4 runs them, against one such build alone.
     */
    private static String parallel(ImageBuilder builder, Path dir, String base, String tag) throws Exception {
        double single = build(builder, dir, base, tag + "-par-single", BuildRequest.CacheMode.DISABLED, false).seconds();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Measured>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            String runTag = tag + "-par-" + i;
            futures.add(pool.submit(() -> build(builder, dir, base, runTag, BuildRequest.CacheMode.DISABLED, false)));
        }
        for (java.util.concurrent.Future<Measured> future : futures) {
            future.get();
        }
        double total = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return String.format(java.util.Locale.ROOT, "{\"single\":%.4f,\"twenty\":%.4f,\"ratio\":%.4f}", single, total,
                total / single);
    }

    /** One timed build and what its listener saw. */
    record Measured(double seconds, double cpuSeconds, long execs, int snapshots, double snapshotSeconds, double commitSeconds,
                    int ran, int cached) {
    }

    private static Measured build(ImageBuilder builder, Path dir, String base, String tag, BuildRequest.CacheMode mode,
                                  boolean quiet) throws IOException {
        BuildRequest request = request(dir, base, tag, mode);
        Listener listener = new Listener();
        long cpuStart = cpu();
        long start = System.nanoTime();
        listener.last = start;
        BuildResult result = builder.build(request, listener, new CancellationSignal());
        long end = System.nanoTime();
        long cpuEnd = cpu();
        if (!(result instanceof BuildResult.Succeeded)) {
            throw new IllegalStateException("bench build failed: " + result);
        }
        double commit = listener.committingAt == 0 ? 0 : (end - listener.committingAt) / 1e9;
        return new Measured((end - start) / 1e9, (cpuEnd - cpuStart) / 1e9, listener.execs, listener.snapshots, listener.snapshotNanos / 1e9,
                commit, listener.ran, listener.cached);
    }

    /** CPU time of this JVM (all threads), nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static BuildRequest request(Path dir, String base, String tag, BuildRequest.CacheMode mode) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        String playbook = new String(files.remove("playbook.yml"), StandardCharsets.UTF_8);
        return BuildRequest.builder(UUID.randomUUID().toString(), "bench",
                        new PlaybookSource("playbook.yml", playbook, files), base)
                .tags(List.of(tag))
                .cache(mode)
                .build();
    }

    /** Replaces the marker in whichever workload file holds it. */
    private static void edit(Path dir, Pattern marker, String replacement) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yml")).toList()) {
                String text = Files.readString(file);
                String edited = marker.matcher(text).replaceAll(replacement);
                if (!edited.equals(text)) {
                    Files.writeString(file, edited);
                }
            }
        }
    }

    private static void shell(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }

    private static String summary(List<Measured> results) {
        double[] times = results.stream().mapToDouble(Measured::seconds).sorted().toArray();
        int n = times.length;
        double median = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
        Measured first = results.get(0);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("median", median);
        fields.put("min", times[0]);
        fields.put("max", times[n - 1]);
        fields.put("runs", n);
        fields.put("cpu", results.stream().mapToDouble(Measured::cpuSeconds).average().orElse(0));
        fields.put("execs", first.execs());
        fields.put("ran", first.ran());
        fields.put("cached", first.cached());
        fields.put("snapshots", first.snapshots());
        fields.put("snapshotSeconds", first.snapshotSeconds());
        fields.put("finalCommitSeconds", first.commitSeconds());
        StringBuilder text = new StringBuilder("{");
        fields.forEach((k, v) -> text.append(text.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4f", d) : v));
        return text.append('}').toString();
    }

    /** Counts what the build did; snapshot time is measured from the task that preceded it. */
    private static final class Listener implements BuildListener {
        long execs;
        int snapshots;
        long snapshotNanos;
        long last;
        long committingAt;
        int ran;
        int cached;

        private static void trace(String what) {
            if (TRACE) {
                java.time.Instant now = java.time.Instant.now();
                System.err.printf("trace %d%09d %s%n", now.getEpochSecond(), now.getNano(), what);
            }
        }

        @Override
        public void taskStarted(dev.playbake.imagebuild.TaskStart start) {
            trace("start " + start.index() + " " + start.name());
        }

        @Override
        public void phase(BuildPhase phase) {
            trace("phase " + phase);
            if (phase == BuildPhase.COMMITTING) {
                committingAt = System.nanoTime();
            }
        }

        @Override
        public void taskFinished(TaskReport report) {
            trace("finish " + report.index() + " " + report.status().label() + " " + report.durationMs() + "ms " + report.name());
            if (report.status() == TaskReport.Status.CACHED) {
                cached++;
            } else {
                ran++;
            }
            last = System.nanoTime();
        }

        @Override
        public void snapshot(int index, String image) {
            long now = System.nanoTime();
            trace("snapshot " + index);
            snapshots++;
            snapshotNanos += now - last;
            last = now;
        }

        @Override
        public void execs(long count) {
            trace("commands " + count);
            execs = count;
        }
    }
}
