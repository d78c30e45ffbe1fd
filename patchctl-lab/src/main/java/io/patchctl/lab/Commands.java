package io.patchctl.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the lab's tools (rpmbuild, createrepo_c, rpm) as argument vectors, with a timeout, output captured. */
final class Commands {

    private Commands() {
    }

    /** @return stdout; @throws LabException naming the command, its exit code and the tail of its stderr */
    static String run(List<String> argv, Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        pb.environment().put("LC_ALL", "C");
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("patchctl-lab-", ".out");
            err = Files.createTempFile("patchctl-lab-", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new LabException(argv.get(0) + " could not be started (" + e.getMessage()
                        + "); run scripts/install-deps.sh to install rpm, dnf, createrepo-c and busybox-static", e);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new LabException(String.join(" ", argv) + " timed out after " + timeout.toSeconds() + " s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new LabException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + tail(stderr));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + argv.get(0), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() > 2000 ? "…" + t.substring(t.length() - 2000) : t;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
