package io.patchctl.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the Lambda handler once on an event file, the way the Lambda runtime would: the handler is
 * built from the environment ({@code LOG_BUCKET}, {@code ENVIRONMENT}, …), then invoked. Used by the
 * cold-start benchmark ({@code bench/insights-bench.sh}) and for trying the jar without AWS.
 * Usage: {@code java -cp patchctl-insights.jar io.patchctl.lambda.LocalInvoke EVENT.json}
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp patchctl-insights.jar io.patchctl.lambda.LocalInvoke EVENT.json");
            System.exit(1);
        }
        long start = System.nanoTime();
        InsightsHandler handler = new InsightsHandler();
        long initialised = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            handler.handleRequest(in, out, null);
        }
        long handled = System.nanoTime();
        System.out.println(out.toString(StandardCharsets.UTF_8));
        // (The process start time the OS reports is only accurate to a second: the JVM's own start-up is
        // what remains of the wall time measured by the caller.)
        System.err.printf("patchctl-insights: init_ms=%d handle_ms=%d%n", (initialised - start) / 1_000_000,
                (handled - initialised) / 1_000_000);
    }
}
