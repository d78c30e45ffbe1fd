package io.patchctl.agent;

import io.patchctl.core.run.ExitCode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGTERM (SSM cancel or execution timeout) during a run. The JVM runs shutdown hooks while the
 * main thread keeps going, so this hook only raises the cancellation flag and waits: the dnf call
 * under way is never killed (a SIGKILL inside the rpm transaction is what leaves duplicate
 * packages), the workflow stops before its next step, writes the CANCELLED report, stores or
 * spools it and prints it; then the hook ends the JVM with the run's exit code (6, or 5 when the
 * report was only spooled) instead of the JVM's 143. After the grace period it ends with 6 anyway:
 * SSM's SIGKILL follows soon, and a report written so far is still better than none.
 */
final class SigtermHook {

    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicInteger exitCode = new AtomicInteger(ExitCode.CANCELLED.code());

    private SigtermHook(AtomicBoolean cancellation, Duration grace, PrintWriter err) {
        this.thread = new Thread(() -> {
            cancellation.set(true);
            err.println("patchctl: SIGTERM: letting the current step finish (up to " + grace.toSeconds()
                    + " s), then writing the CANCELLED report");
            err.flush();
            boolean finished;
            try {
                finished = done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                finished = false;
            }
            if (!finished) {
                err.println("patchctl: SIGTERM grace of " + grace.toSeconds() + " s ran out before the report was written");
                err.flush();
            }
            Runtime.getRuntime().halt(exitCode.get());
        }, "patchctl-sigterm");
    }

    static SigtermHook install(AtomicBoolean cancellation, Duration grace, PrintWriter err) {
        SigtermHook hook = new SigtermHook(cancellation, grace, err);
        Runtime.getRuntime().addShutdownHook(hook.thread);
        return hook;
    }

    /** The run is over and its report printed: a later shutdown is an ordinary exit. */
    void finished(int code) {
        exitCode.set(code);
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException e) {
            // shutdown already under way (SIGTERM): the hook ends the JVM with this code
        }
    }
}
