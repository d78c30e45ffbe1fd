package io.patchctl.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private String run(ProgressReporter.Mode mode) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressReporter<Integer> progress = new ProgressReporter<>(err, mode, 3, inv -> "exit " + inv.result());
        new FleetScheduler().run(List.of("i-a", "i-b", "i-c"), new RateControl(1, 0),
                t -> t.equals("i-b") ? 4 : 0, code -> code != 0, progress);
        progress.close();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainMode_writesOneLinePerEventAndNoControlCharacters() {
        String out = run(ProgressReporter.Mode.PLAIN);
        assertThat(out).doesNotContain("\r").doesNotContain("\033");
        assertThat(out.lines().toList()).hasSize(5);
        assertThat(out).contains("[1/3] started  i-a").containsPattern("\\[1/3\\] done     i-a: exit 0 in \\d+\\.\\d s");
        assertThat(out).containsPattern("\\[2/3\\] FAILED   i-b: exit 4");
        assertThat(out).contains("max errors exceeded (1 failed): 1 host(s) not started, as SSM Run Command would");
    }

    @Test
    void barMode_redrawsOneLineAndKeepsFailuresVisible() {
        String out = run(ProgressReporter.Mode.BAR);
        assertThat(out).contains("\r\033[2K[");
        assertThat(out).contains("] 2/3 hosts | 0 running | 1 failed");
        assertThat(out).containsPattern("\r\033\\[2K\\[2/3\\] FAILED   i-b: exit 4.*\n");
        assertThat(out).doesNotContain("done     i-a"); // successes only move the bar
        assertThat(out).endsWith("\n");
    }

    @Test
    void noneMode_printsNothing() {
        assertThat(run(ProgressReporter.Mode.NONE)).isEmpty();
    }
}
