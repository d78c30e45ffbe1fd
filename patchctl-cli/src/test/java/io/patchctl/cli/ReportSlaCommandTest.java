package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.agent.PatchctlCommandLine;
import io.patchctl.cli.fleetreport.ThreeCycleHistory;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.DirectoryReportStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code patchctl report} over a stored three-cycle history: the SLA figures (issue 15 §4), through the real CLI and directory store. */
class ReportSlaCommandTest {

    static final Path FIGURES = Path.of("target", "sla-three-cycles.txt");

    @TempDir
    Path tmp;
    Path reports;
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @BeforeEach
    void history() throws Exception {
        reports = Files.createDirectories(tmp.resolve("reports"));
        out = tmp.resolve("out");
        ThreeCycleHistory.store(new DirectoryReportStore(reports), 40);
    }

    private int execute(String... args) {
        ReportCommand command = new ReportCommand();
        command.env = Map.of();
        command.clock = Clock.fixed(ThreeCycleHistory.NOW, ZoneOffset.UTC);
        CommandLine cli = PatchctlCommandLine.commandLine(command);
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(args);
    }

    @Test
    void threeCycles_reportShowsMedianP90ShareWithinOverdueAndTheCycleSeries() throws Exception {
        int code = execute("--report-dir", reports.toString(), "--out", out.toString());

        assertThat(code).as(stderr.toString()).isZero();
        JsonNode sla = Json.mapper().readTree(out.resolve("fleet-report.json").toFile()).get("sla");
        assertThat(sla.get("runs_read").asInt()).isEqualTo(120);
        JsonNode crit = sla.at("/by_severity/CRITICAL");
        // 32 hosts fixed after 7 days (cycle 1), 4 after 21 (cycle 2), 4 after 35 (cycle 3)
        assertThat(crit.get("fixed").asInt()).isEqualTo(40);
        assertThat(crit.get("median_days_to_fix").asLong()).isEqualTo(7);
        assertThat(crit.get("p90_days_to_fix").asLong()).isEqualTo(21);
        assertThat(crit.get("share_hosts_within_sla").asDouble()).isEqualTo(0.8);
        assertThat(crit.get("fixed_late").asInt()).isEqualTo(8);
        JsonNode imp = sla.at("/by_severity/IMPORTANT");
        assertThat(imp.get("open").asInt()).isEqualTo(40);
        assertThat(imp.get("overdue").asInt()).isEqualTo(40);
        assertThat(imp.get("median_days_to_fix").isNull()).isTrue();
        assertThat(imp.get("share_hosts_within_sla").asDouble()).isZero();
        JsonNode mod = sla.at("/by_severity/MODERATE");
        assertThat(mod.get("median_days_to_fix").asLong()).isEqualTo(6);
        assertThat(mod.get("p90_days_to_fix").asLong()).isEqualTo(6);
        assertThat(mod.get("share_hosts_within_sla").asDouble()).isEqualTo(1.0);
        assertThat(sla.get("overdue_total").asInt()).isEqualTo(40);
        assertThat(sla.at("/overdue/0/cve").asText()).isEqualTo("CVE-2026-2002");
        assertThat(sla.at("/overdue/0/days_open").asLong()).isEqualTo(38);
        assertThat(sla.at("/overdue/0/why").asText()).isEqualTo("held: kernel-core (matches hold_packages kernel* (needs a reboot))");
        assertThat(sla.get("cycles")).extracting(n -> n.get("open_critical").asInt()).containsExactly(8, 4, 0);
        assertThat(sla.get("cycles")).extracting(n -> n.get("open_important").asInt()).containsExactly(40, 40, 40);
        // the same figures on stdout, kept for the note
        assertThat(stdout.toString()).containsPattern("Critical +15d +40 +0 +0 +7d +21d +32/40 +80%")
                .containsPattern("Important +30d +0 +40 +40 +- +- +0/40 +0%")
                .contains("open Critical/Important (host×CVE) after each cycle: 8/40 4/40 0/40");
        Files.createDirectories(FIGURES.getParent());
        Files.writeString(FIGURES, stdout.toString(), StandardCharsets.UTF_8);
        System.out.println(stdout);
    }

    @Test
    void slaOption_changesTheTarget_andTheShareWithin() throws Exception {
        int code = execute("--report-dir", reports.toString(), "--out", out.toString(), "--sla", "critical=21", "--sla", "important=60");

        assertThat(code).as(stderr.toString()).isZero();
        JsonNode sla = Json.mapper().readTree(out.resolve("fleet-report.json").toFile()).get("sla");
        assertThat(sla.at("/targets_days/critical").asInt()).isEqualTo(21);
        assertThat(sla.at("/by_severity/CRITICAL/share_hosts_within_sla").asDouble()).isEqualTo(0.9);
        assertThat(sla.get("overdue_total").asInt()).as("38 days open is within 60").isZero();
    }

    @Test
    void policySlaKey_setsTheTarget_andSlaOptionOverridesIt() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "sla:\n  critical: 40\n  important: 10\n");

        int code = execute("--report-dir", reports.toString(), "--out", out.toString(), "--policy", policy.toString(),
                "--sla", "important=45");

        assertThat(code).as(stderr.toString()).isZero();
        JsonNode sla = Json.mapper().readTree(out.resolve("fleet-report.json").toFile()).get("sla");
        assertThat(sla.at("/targets_days/critical").asInt()).isEqualTo(40);
        assertThat(sla.at("/targets_days/important").asInt()).isEqualTo(45);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--sla|critical=0|--sla critical=0: SLA for critical is 0 days: expected 1..3650",
        "--sla|low=3651|--sla low=3651: SLA for low is 3651 days: expected 1..3650",
        "--sla|urgent=3|--sla urgent=3: unknown severity 'urgent' for an SLA",
        "--sla|critical=-1|SLA for critical is -1 days",
        "--sla|critical|is not SEVERITY=DAYS",
        "--history-days|0|--history-days 0: expected 1..3650",
        "--history-days|3651|--history-days 3651: expected 1..3650"})
    void outOfRange_isExit2NamingIt_andWritesNothing(String option, String value, String message) {
        int code = execute("--report-dir", reports.toString(), "--out", out.toString(), option, value);

        assertThat(code).isEqualTo(2);
        assertThat(stderr.toString()).contains(message);
        assertThat(out).doesNotExist();
    }

    @Test
    void policyWithBadSla_isExit2NamingTheFileAndKey() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "sla: {critical: 0}\n");

        int code = execute("--report-dir", reports.toString(), "--out", out.toString(), "--policy", policy.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stderr.toString()).contains("policy.yaml").contains("sla: SLA for critical is 0 days");
        assertThat(out).doesNotExist();
    }
}
