package io.patchctl.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FleetSchedulerTest {

    // a ticking clock orders every start and finish strictly; the scheduler reads it on launch and on finish
    private final FleetScheduler scheduler = new FleetScheduler(new TickingClock());

    private static List<String> hosts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "i-" + i).collect(Collectors.toList());
    }

    /** The largest number of invocations whose [start, finish) intervals overlap at one instant. */
    private static int maxOverlap(List<Invocation<Integer>> runs) {
        List<long[]> edges = new ArrayList<>();
        for (Invocation<Integer> r : runs) {
            if (r.startedAt() != null) {
                edges.add(new long[] {micros(r.startedAt()), +1});
                edges.add(new long[] {micros(r.finishedAt()), -1});
            }
        }
        // at equal times a finish (-1) sorts before a start (+1): back-to-back is not overlap
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int max = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            max = Math.max(max, now);
        }
        return max;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    @Test
    void run_withConcurrencyThree_neverOverlapsMoreThanThreeAndUsesAllThree() {
        // each of the first three hosts waits until all three are inside: they overlap by construction,
        // not because a sleep happened to be long enough
        CountDownLatch threeInside = new CountDownLatch(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        List<Invocation<Integer>> runs = scheduler.run(hosts(10), new RateControl(3, 10), target -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            threeInside.countDown();
            boolean allThree = threeInside.await(30, TimeUnit.SECONDS);
            inside.decrementAndGet();
            return allThree ? 0 : 1;
        }, code -> code != 0, FleetScheduler.silent());

        assertThat(runs).hasSize(10).allMatch(r -> r.status() == InvocationStatus.SUCCESS);
        assertThat(mostInside).hasValue(3);
        assertThat(maxOverlap(runs)).isEqualTo(3);
        // the 4th host can only start after one of the first three finished
        Instant firstFinish = runs.subList(0, 3).stream().map(Invocation::finishedAt).min(Instant::compareTo).orElseThrow();
        assertThat(runs.get(3).startedAt()).isAfterOrEqualTo(firstFinish);
    }

    @Test
    void run_withConcurrencyOne_runsHostsStrictlyOneAfterAnother() {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        List<Invocation<Integer>> runs = scheduler.run(hosts(4), new RateControl(1, 4), target -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            inside.decrementAndGet();
            return 0;
        }, code -> code != 0, FleetScheduler.silent());

        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).startedAt()).isAfter(runs.get(i - 1).finishedAt());
        }
        assertThat(mostInside).hasValue(1);
        assertThat(runs).extracting(Invocation::target).containsExactly("i-0", "i-1", "i-2", "i-3");
    }

    @Test
    void run_whenFailuresExceedMaxErrors_stopsLaunchingButLetsRunningHostsFinish() {
        // concurrency 1: hosts 0 and 1 fail; max-errors 1 means the 2nd failure stops the cycle (SSM: 0 = stop after first)
        Set<String> failing = Set.of("i-0", "i-1", "i-4");
        List<Invocation<Integer>> runs = scheduler.run(hosts(6), new RateControl(1, 1),
                target -> failing.contains(target) ? 4 : 0, code -> code != 0, FleetScheduler.silent());

        assertThat(runs).extracting(Invocation::status).containsExactly(
                InvocationStatus.FAILED, InvocationStatus.FAILED,
                InvocationStatus.NOT_STARTED, InvocationStatus.NOT_STARTED,
                InvocationStatus.NOT_STARTED, InvocationStatus.NOT_STARTED);
        assertThat(runs.get(2).startedAt()).isNull();
    }

    @Test
    void run_withMaxErrorsZero_stopsAfterFirstFailureWhileConcurrentHostsComplete() {
        // 3 at a time; host 0 fails fast, hosts 1 and 2 are already running and must be allowed to finish.
        // They finish only once the scheduler has counted host 0's failure, so they cannot free a slot first.
        CountDownLatch failureCounted = new CountDownLatch(1);
        List<Invocation<Integer>> runs = scheduler.run(hosts(8), new RateControl(3, 0), target -> {
            if (target.equals("i-0")) {
                return 4;
            }
            return failureCounted.await(30, TimeUnit.SECONDS) ? 0 : 1;
        }, code -> code != 0, new FleetScheduler.Listener<>() {
            @Override
            public void finished(Invocation<Integer> done, int finishedSoFar, int failedSoFar) {
                if (failedSoFar > 0) {
                    failureCounted.countDown();
                }
            }
        });

        assertThat(runs.subList(0, 3)).extracting(Invocation::status).containsExactly(
                InvocationStatus.FAILED, InvocationStatus.SUCCESS, InvocationStatus.SUCCESS);
        assertThat(runs.subList(3, 8)).allMatch(r -> r.status() == InvocationStatus.NOT_STARTED);
        Instant failedAt = runs.get(0).finishedAt();
        assertThat(runs.get(1).finishedAt()).isAfter(failedAt);
    }

    @Test
    void run_whenTaskThrows_countsAsFailureWithItsMessage() {
        List<Invocation<Integer>> runs = scheduler.run(hosts(2), new RateControl(2, 5), target -> {
            if (target.equals("i-1")) {
                throw new IllegalStateException("installroot vanished");
            }
            return 0;
        }, code -> code != 0, FleetScheduler.silent());

        assertThat(runs.get(1).status()).isEqualTo(InvocationStatus.FAILED);
        assertThat(runs.get(1).error()).isEqualTo("installroot vanished");
        assertThat(runs.get(1).result()).isNull();
        assertThat(runs.get(0).status()).isEqualTo(InvocationStatus.SUCCESS);
    }

    @Test
    void run_reportsProgressToListenerInOrder() {
        List<String> events = new ArrayList<>();
        scheduler.run(hosts(3), new RateControl(1, 0), target -> target.equals("i-1") ? 1 : 0, code -> code != 0,
                new FleetScheduler.Listener<>() {
                    @Override
                    public void started(Invocation<Integer> running, int runningNow) {
                        events.add("start " + running.target() + " running=" + runningNow);
                    }

                    @Override
                    public void finished(Invocation<Integer> done, int finishedSoFar, int failedSoFar) {
                        events.add("done " + done.target() + " " + done.status() + " failed=" + failedSoFar);
                    }

                    @Override
                    public void stoppedLaunching(int failed, int notStarted) {
                        events.add("stopped failed=" + failed + " notStarted=" + notStarted);
                    }
                });

        assertThat(events).containsExactly(
                "start i-0 running=1", "done i-0 SUCCESS failed=0",
                "start i-1 running=1", "done i-1 FAILED failed=1",
                "stopped failed=1 notStarted=1");
    }

    @Test
    void run_withNoTargets_returnsEmpty() {
        assertThat(scheduler.run(List.<String>of(), new RateControl(2, 0), t -> 0, c -> c != 0,
                FleetScheduler.silent())).isEmpty();
    }

    /** Every reading is one millisecond after the previous one: a strict order of events, free of the wall clock. */
    private static final class TickingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-21T02:00:00Z").toEpochMilli());

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
