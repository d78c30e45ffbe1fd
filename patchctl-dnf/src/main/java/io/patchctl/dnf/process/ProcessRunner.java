package io.patchctl.dnf.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program from an argument vector — never through a shell — with a timeout, both output
 * streams captured (each bounded), stdin closed, and the whole process tree killed on timeout.
 */
public class ProcessRunner {

    /** Output beyond this per stream is dropped from the front: the end of dnf's output is what matters. */
    static final int MAX_CAPTURE = 1 << 20;
    /** How long a dnf that has started its rpm transaction may overrun its timeout before it is killed. */
    public static final Duration TRANSACTION_GRACE = Duration.ofMinutes(5);
    /** dnf 4 prints this line (alone) when rpm starts changing the database; "check"/"test" lines come before. */
    private static final java.util.regex.Pattern IN_TRANSACTION = java.util.regex.Pattern.compile("(?m)^Running transaction$");

    private final Duration transactionGrace;

    public ProcessRunner() {
        this(TRANSACTION_GRACE);
    }

    /**
     * @param transactionGrace extra time for a process whose output shows it is inside the rpm
     *                         transaction: killing rpm there is what leaves duplicate packages
     */
    public ProcessRunner(Duration transactionGrace) {
        this.transactionGrace = transactionGrace;
    }

    public ProcessResult run(List<String> argv, Map<String, String> environment, Duration timeout) {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new ProcessResult(List.copyOf(argv), -1, "", "cannot start " + argv.get(0) + ": " + e.getMessage(),
                    false, millisSince(start));
        }
        StreamCollector out = new StreamCollector(process.getInputStream());
        StreamCollector err = new StreamCollector(process.getErrorStream());
        out.start();
        err.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished && IN_TRANSACTION.matcher(out.snapshot()).find()) {
            try {
                finished = process.waitFor(transactionGrace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!finished) {
            // rpm scriptlets and dnf helpers are children: a stuck grandchild would keep the pipes open
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String stdout = out.text();
        String stderr = err.text();
        return new ProcessResult(List.copyOf(argv), finished ? process.exitValue() : -1, stdout, stderr, !finished,
                millisSince(start));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Drains one stream on its own thread so a full pipe can never block the child. */
    private static final class StreamCollector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        StreamCollector(InputStream in) {
            this.in = in;
            setDaemon(true);
            setName("process-output");
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                        if (buffer.size() > 2 * MAX_CAPTURE) {
                            byte[] all = buffer.toByteArray();
                            buffer.reset();
                            buffer.write(all, all.length - MAX_CAPTURE, MAX_CAPTURE);
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process was killed; what was read so far is kept
            }
        }

        /** What was read so far, without waiting for the end. */
        String snapshot() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }

        String text() {
            try {
                join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buffer) {
                byte[] all = buffer.toByteArray();
                int from = Math.max(0, all.length - MAX_CAPTURE);
                return new String(all, from, all.length - from, StandardCharsets.UTF_8);
            }
        }
    }
}
