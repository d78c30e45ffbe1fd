package io.patchctl.cli.simulate;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Runs one task per target the way SSM Run Command sends a command to a fleet: at most
 * {@link RateControl#maxConcurrency()} at a time, in target order; once more than
 * {@link RateControl#maxErrors()} have failed no further target is started, while those already
 * running finish. Targets never started are reported as {@link InvocationStatus#NOT_STARTED}.
 */
public final class FleetScheduler {

    /** The work done on one host. Throwing counts as a failure; the message is kept. */
    @FunctionalInterface
    public interface HostTask<R> {
        R run(String target) throws Exception;
    }

    /** Progress callbacks, called from the scheduler's own thread (never concurrently). */
    public interface Listener<R> {
        default void started(Invocation<R> running, int runningNow) {
        }

        default void finished(Invocation<R> done, int finishedSoFar, int failedSoFar) {
        }

        default void stoppedLaunching(int failed, int notStarted) {
        }
    }

    private final Clock clock;

    public FleetScheduler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public FleetScheduler() {
        this(Clock.systemUTC());
    }

    /**
     * @param targets  hosts in launch order
     * @param rate     max concurrency and max errors
     * @param task     the work per host
     * @param isFailed classifies a returned result as a failure (e.g. non-zero exit code)
     * @param listener progress callbacks
     * @return one invocation per target, in target order
     */
    public <R> List<Invocation<R>> run(List<String> targets, RateControl rate, HostTask<R> task,
                                       Predicate<R> isFailed, Listener<R> listener) {
        Objects.requireNonNull(rate, "rate");
        @SuppressWarnings("unchecked")
        Invocation<R>[] results = new Invocation[targets.size()];
        if (targets.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(rate.maxConcurrency(), targets.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, namedThreads());
        CompletionService<Invocation<R>> completions = new ExecutorCompletionService<>(pool);
        try {
            int next = 0;
            int running = 0;
            int finished = 0;
            int failed = 0;
            while (true) {
                while (running < rate.maxConcurrency() && next < targets.size() && failed <= rate.maxErrors()) {
                    int index = next++;
                    String target = targets.get(index);
                    Instant start = clock.instant();
                    completions.submit(() -> runOne(index, target, start, task, isFailed));
                    running++;
                    listener.started(new Invocation<>(index, target, InvocationStatus.SUCCESS, start, null, null, null),
                            running);
                }
                if (running == 0) {
                    break;
                }
                Invocation<R> done = take(completions);
                running--;
                finished++;
                if (done.failed()) {
                    failed++;
                }
                results[done.index()] = done;
                listener.finished(done, finished, failed);
            }
            int notStarted = targets.size() - next;
            if (notStarted > 0) {
                listener.stoppedLaunching(failed, notStarted);
            }
            for (int i = next; i < targets.size(); i++) {
                results[i] = Invocation.notStarted(i, targets.get(i));
            }
            return List.copyOf(Arrays.asList(results));
        } finally {
            pool.shutdownNow();
        }
    }

    private <R> Invocation<R> runOne(int index, String target, Instant start, HostTask<R> task, Predicate<R> isFailed) {
        try {
            R result = task.run(target);
            InvocationStatus status = isFailed.test(result) ? InvocationStatus.FAILED : InvocationStatus.SUCCESS;
            return new Invocation<>(index, target, status, start, clock.instant(), result, null);
        } catch (Exception | Error e) {
            // A crashed host is a failed invocation, never a lost one.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Invocation<>(index, target, InvocationStatus.FAILED, start, clock.instant(), null, message);
        }
    }

    private static <R> Invocation<R> take(CompletionService<Invocation<R>> completions) {
        try {
            return completions.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("cycle interrupted", e);
        } catch (ExecutionException e) {
            // runOne catches everything; reaching here is a bug in the scheduler itself.
            throw new IllegalStateException("host task escaped its error handling", e.getCause());
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "simulate-host-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A listener that ignores every callback. */
    public static <R> Listener<R> silent() {
        return new Listener<>() {
        };
    }
}
