package dev.playbake.operator.reconcile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseImageWatchTest {

    private static final String BASE = "127.0.0.1:5000/base:v1";
    private static final String DIGEST = "sha256:" + "01".repeat(32);

    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicReference<BaseImageCheck> answer = new AtomicReference<>(new BaseImageCheck.Digest(BASE, DIGEST));
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final BaseImageWatch watch = new BaseImageWatch((reference, credentials) -> {
        lookups.incrementAndGet();
        return answer.get();
    });

    @AfterEach
    void close() {
        watch.close();
    }

    @Test
    void looksUpAtTheIntervalAndTellsTheListenerEachCheckWithTheOneBefore() {
        watch.watch("default/web", subject(Duration.ofMillis(50)), this::heard);

        await().atMost(5, TimeUnit.SECONDS).until(() -> heard.size() >= 2);
        assertEquals("Digest after nothing", heard.get(0));
        assertEquals("Digest after Digest", heard.get(1));
        assertEquals(Optional.of(new BaseImageCheck.Digest(BASE, DIGEST)), watch.latest("default/web"));
    }

    @Test
    void theSameSubjectKeepsItsScheduleAnotherStartsAnewAndForgetStops() throws Exception {
        watch.watch("default/web", subject(Duration.ofHours(1)), this::heard);
        watch.watch("default/web", subject(Duration.ofHours(1)), this::heard);
        watch.checkNow("default/web");
        watch.watch("default/web", subject(Duration.ofHours(2)), this::heard);
        assertEquals(Optional.empty(), watch.latest("default/web"), "a new subject has seen nothing yet");

        watch.forget("default/web");
        watch.checkNow("default/web");
        assertEquals(1, lookups.get());
    }

    @Test
    void aCheckThatRanWhileABuildStartedIsNotTheLatestForIt() throws Exception {
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        BaseImageWatch slow = new BaseImageWatch((reference, credentials) -> {
            asking.countDown();
            try {
                answered.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new BaseImageCheck.Digest(BASE, DIGEST);
        });
        try {
            slow.watch("default/web", subject(Duration.ofHours(1)), this::heard);
            Thread check = new Thread(() -> slow.checkNow("default/web"));
            check.start();
            assertTrue(asking.await(5, TimeUnit.SECONDS));
            slow.buildStarted("default/web");
            answered.countDown();
            check.join(5000);

            assertEquals(Optional.empty(), slow.latest("default/web"),
                    "what a lookup begun before the build found says nothing of what the build pulled");
            assertEquals(List.of("Digest after nothing"), heard, "the listener still hears it");
            slow.checkNow("default/web");
            assertEquals(Optional.of(new BaseImageCheck.Digest(BASE, DIGEST)), slow.latest("default/web"));
        } finally {
            slow.close();
        }
    }

    @Test
    void aLookupThatThrowsIsAFailedCheckAndTheScheduleGoesOn() {
        BaseImageWatch throwing = new BaseImageWatch((reference, credentials) -> {
            lookups.incrementAndGet();
            throw new IllegalStateException("bug");
        });
        try {
            throwing.watch("default/web", subject(Duration.ofMillis(20)), this::heard);
            await().atMost(5, TimeUnit.SECONDS).until(() -> lookups.get() >= 2);
            assertEquals("Failed after nothing", heard.get(0));
        } finally {
            throwing.close();
        }
    }

    private void heard(BaseImageCheck check, Optional<BaseImageCheck> previous) {
        heard.add(check.getClass().getSimpleName() + " after "
                + previous.map(p -> p.getClass().getSimpleName()).orElse("nothing"));
    }

    private static BaseImageWatch.Subject subject(Duration interval) {
        return new BaseImageWatch.Subject(BASE, Optional.empty(), interval);
    }
}
