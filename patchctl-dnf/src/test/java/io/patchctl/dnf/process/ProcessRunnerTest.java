package io.patchctl.dnf.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    void run_pastTimeout_killsTheWholeTreeAndReturnsPromptly() {
        long start = System.nanoTime();

        // the grandchild keeps the output pipe open: only killing the tree ends the wait
        ProcessResult r = runner.run(List.of("sh", "-c", "echo started; sleep 60 & sleep 60"), Map.of(),
                Duration.ofMillis(700));

        assertThat(r.timedOut()).isTrue();
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
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
        // what dnf prints once rpm changes the database: a kill now would leave duplicate packages
        ProcessResult r = new ProcessRunner(Duration.ofSeconds(60)).run(List.of("sh", "-c",
                "echo 'Running transaction check'; echo 'Running transaction test'; echo 'Running transaction';"
                        + " sleep 2; echo Complete!"), Map.of(), Duration.ofMillis(300));

        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).endsWith("Complete!\n");
    }

    @Test
    void run_pastTimeoutBeforeTheTransaction_isKilledAtTheTimeout() {
        ProcessResult r = new ProcessRunner(Duration.ofSeconds(60)).run(List.of("sh", "-c",
                "echo 'Running transaction check'; sleep 60"), Map.of(), Duration.ofMillis(300));

        assertThat(r.timedOut()).isTrue();
        assertThat(r.durationMillis()).isLessThan(30_000);
    }
}
