package io.patchctl.cli.simulate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Progress of a cycle on stderr: a redrawn bar when stderr is a terminal, plain lines otherwise
 * (CI logs, pipes), so logs never fill with carriage returns.
 */
public final class ProgressReporter<R> implements FleetScheduler.Listener<R> {

    /** How to show progress. */
    public enum Mode {
        /** a bar if stderr is a terminal, else lines */
        AUTO,
        BAR,
        PLAIN,
        NONE
    }

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean bar;
    private final boolean silent;
    private final int total;
    private final Function<Invocation<R>, String> describe;
    private final long startNanos = System.nanoTime();
    private int running;
    private int finished;
    private int failed;

    /**
     * @param describe one short phrase for a finished host ("COMPLIANT, 3 installed")
     */
    public ProgressReporter(PrintStream err, Mode mode, int total, Function<Invocation<R>, String> describe) {
        this.err = err;
        Mode resolved = mode == Mode.AUTO ? (stderrIsTerminal() ? Mode.BAR : Mode.PLAIN) : mode;
        this.bar = resolved == Mode.BAR;
        this.silent = resolved == Mode.NONE;
        this.total = total;
        this.describe = describe;
    }

    /**
     * True when file descriptor 2 is a terminal. Java has no isatty for stderr: on Linux the
     * descriptor's link names the device; elsewhere fall back to System.console().
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.exists(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // not Linux or not allowed: fall through
        }
        return System.console() != null;
    }

    @Override
    public void started(Invocation<R> invocation, int runningNow) {
        running = runningNow;
        if (silent) {
            return;
        }
        if (bar) {
            redraw();
        } else {
            err.printf(Locale.ROOT, "[%d/%d] started  %s%n", invocation.index() + 1, total, invocation.target());
        }
    }

    @Override
    public void finished(Invocation<R> done, int finishedSoFar, int failedSoFar) {
        running--;
        finished = finishedSoFar;
        failed = failedSoFar;
        if (silent) {
            return;
        }
        String seconds = done.startedAt() == null || done.finishedAt() == null ? ""
                : String.format(Locale.ROOT, " in %.1f s",
                Duration.between(done.startedAt(), done.finishedAt()).toMillis() / 1000.0);
        String line = String.format(Locale.ROOT, "[%d/%d] %-8s %s: %s%s", finishedSoFar, total,
                done.failed() ? "FAILED" : "done", done.target(), describe.apply(done), seconds);
        if (bar) {
            // failures stay on screen above the bar; successes only move the bar
            if (done.failed()) {
                err.print("\r\033[2K" + line + "\n");
            }
            redraw();
        } else {
            err.println(line);
        }
    }

    @Override
    public void stoppedLaunching(int failedCount, int notStarted) {
        if (silent) {
            return;
        }
        String line = "max errors exceeded (" + failedCount + " failed): " + notStarted
                + " host(s) not started, as SSM Run Command would";
        err.print(bar ? "\r\033[2K" + line + "\n" : line + "\n");
    }

    /** Ends the bar's line so later output starts on a fresh one. */
    public void close() {
        if (bar && !silent) {
            redraw();
            err.print("\n");
        }
        err.flush();
    }

    private void redraw() {
        int filled = total == 0 ? WIDTH : finished * WIDTH / total;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        err.printf(Locale.ROOT, "\r\033[2K[%s%s] %d/%d hosts | %d running | %d failed | %.0f s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), finished, total, Math.max(0, running), failed, elapsed);
        err.flush();
    }
}
