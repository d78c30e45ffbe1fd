package io.patchctl.dnf.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void run_capturesBothStreamsAndExitCode() {
        ProcessResult r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 7"), Map.of(), Duration.ofSeconds(10));

        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.timedOut()).isFalse();
    }

    @Test
    void run_argumentsAreNotInterpretedByAShell() {
        ProcessResult r = runner.run(List.of("echo", "curl; rm -rf /", "$(id)"), Map.of(), Duration.ofSeconds(10));

        assertThat(r.stdout()).isEqualTo("curl; rm -rf / $(id)\n");
    }

    @Test
    void run_pastTimeout_killsTheWholeTree() throws Exception {
        // the grandchild keeps the output pipe open and would outlive its shell: it prints its pid so the
        // test can check that it was killed too (a 2 s timeout leaves the shell ample time to print)
        ProcessResult r = runner.run(List.of("sh", "-c", "sleep 60 & echo $!; echo started; sleep 60"), Map.of(),
                Duration.ofSeconds(2));

        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.stdout()).matches("\\d+\nstarted\n");
        long grandchild = Long.parseLong(r.stdout().lines().findFirst().orElseThrow());
        assertThat(exited(grandchild)).as("grandchild %d killed with its parent", grandchild).isTrue();
    }

    @Test
    void run_hugeOutput_doesNotBlockAndKeepsTheEnd() {
        ProcessResult r = runner.run(List.of("sh", "-c", "yes line | head -n 400000; echo THE-END"), Map.of(),
                Duration.ofSeconds(30));

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().length()).isLessThanOrEqualTo(ProcessRunner.MAX_CAPTURE);
        assertThat(r.stdout()).endsWith("THE-END\n");
    }

    @Test
    void run_missingProgram_isAResultNotAnException() {
        ProcessResult r = runner.run(List.of("/nonexistent/dnf", "--version"), Map.of(), Duration.ofSeconds(5));

        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.stderr()).startsWith("cannot start /nonexistent/dnf");
    }

    @Test
    void run_environmentIsPassed() {
        ProcessResult r = runner.run(List.of("sh", "-c", "echo $PATCHCTL_X"), Map.of("PATCHCTL_X", "lab"), Duration.ofSeconds(5));

        assertThat(r.stdout()).isEqualTo("lab\n");
    }

    @Test
    void run_pastTimeoutInsideTheRpmTransaction_isLetFinishWithinTheGrace() {
        // what dnf prints once rpm changes the database: a kill now would leave duplicate packages.
        // The lines come out at once, the timeout is 2 s: the runner has seen them when the timeout fires.
        ProcessResult r = new ProcessRunner(Duration.ofSeconds(60)).run(List.of("sh", "-c",
                "echo 'Running transaction check'; echo 'Running transaction test'; echo 'Running transaction';"
                        + " sleep 4; echo Complete!"), Map.of(), Duration.ofSeconds(2));

        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).endsWith("Complete!\n");
        assertThat(r.durationMillis()).as("ran past its timeout").isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void run_pastTimeoutBeforeTheTransaction_isKilledAtTheTimeout() {
        // "check" is printed long before the timeout, and must not count as being inside the transaction
        ProcessResult r = new ProcessRunner(Duration.ofSeconds(60)).run(List.of("sh", "-c",
                "echo 'Running transaction check'; sleep 60"), Map.of(), Duration.ofSeconds(2));

        assertThat(r.timedOut()).isTrue();
        assertThat(r.stdout()).isEqualTo("Running transaction check\n");
        // killed at the timeout, not after the 60 s grace (nor at the end of the 60 s sleep)
        assertThat(r.durationMillis()).isLessThan(30_000);
    }

    /** Whether a process that is not our child has exited; a killed one is gone within moments, 30 s is plenty. */
    private static boolean exited(long pid) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return true;
        }
        try {
            handle.get().onExit().get(30, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
