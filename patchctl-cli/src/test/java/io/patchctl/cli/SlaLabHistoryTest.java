package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.agent.PatchctlCommandLine;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.run.AgentWorkflow;
import io.patchctl.core.run.RunRequest;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.dnf.DnfPackageManager;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import io.patchctl.testkit.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * SLA clocks from RunReports the real agent workflow wrote while patching lab installroots with real
 * dnf over three cycles: the advisory date comes from dnf's own {@code updateinfo info} (the lab's
 * advisories say updated 2026-11-02), the fix from the real transaction.
 */
class SlaLabHistoryTest {

    @TempDir
    Path tmp;

    @Test
    void threeCyclesOnTwoLabHosts_curlHeldOnOneUntilCycleTwo_kernelHeldThroughout() throws Exception {
        Lab lab = Lab.build(StandardLabs.mixed());
        LabHost held = lab.newHost(tmp.resolve("h1"), HostSpec.allBase());
        LabHost prompt = lab.newHost(tmp.resolve("h2"), HostSpec.allBase());
        Path reports = Files.createDirectories(tmp.resolve("reports"));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-03T02:00:00Z"));
        PatchPolicy holdCurl = PatchPolicy.builder().holdGlobs(List.of("kernel*", "curl")).build();

        run(held, "i-0lab1", holdCurl, reports, clock);     // cycle 1, 2026-11-03: curl held by policy
        run(prompt, "i-0lab2", PatchPolicy.defaults(), reports, clock);
        clock.advance(Duration.ofDays(17));                 // cycle 2, 2026-11-20: curl allowed again
        run(held, "i-0lab1", PatchPolicy.defaults(), reports, clock);
        run(prompt, "i-0lab2", PatchPolicy.defaults(), reports, clock);
        clock.advance(Duration.ofDays(11));                 // cycle 3, 2026-12-01: only kernels left (held)
        run(held, "i-0lab1", PatchPolicy.defaults(), reports, clock);
        run(prompt, "i-0lab2", PatchPolicy.defaults(), reports, clock);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ReportCommand command = new ReportCommand();
        command.env = Map.of();
        command.clock = Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC);
        CommandLine cli = PatchctlCommandLine.commandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--report-dir", reports.toString(), "--out", tmp.resolve("out").toString());

        assertThat(code).as(err.toString()).isZero();
        JsonNode sla = Json.mapper().readTree(tmp.resolve("out/fleet-report.json").toFile()).get("sla");
        assertThat(sla.get("runs_read").asInt()).isEqualTo(6);
        // curl (Critical, CVE-2026-0003, dnf says updated 2026-11-02): 1 day on i-0lab2, 18 days on i-0lab1
        JsonNode crit = sla.at("/by_severity/CRITICAL");
        assertThat(crit.get("fixed").asInt()).isEqualTo(2);
        assertThat(crit.get("median_days_to_fix").asLong()).isEqualTo(1);
        assertThat(crit.get("p90_days_to_fix").asLong()).isEqualTo(18);
        assertThat(crit.get("hosts_within_sla").asInt()).isEqualTo(1);
        // the kernel (Important, CVE-2026-0006) is held everywhere: open 33 days, past 30
        assertThat(sla.get("overdue")).extracting(n -> n.get("cve").asText() + " " + n.get("instance_id").asText())
                .containsExactlyInAnyOrder("CVE-2026-0006 i-0lab1", "CVE-2026-0006 i-0lab2");
        assertThat(sla.at("/overdue/0/days_open").asLong()).isEqualTo(33);
        assertThat(sla.at("/overdue/0/clock_start").asText()).isEqualTo("2026-11-02");
        assertThat(sla.at("/overdue/0/why").asText()).startsWith("held: kernel");
        assertThat(sla.get("cycles")).extracting(n -> n.get("open_critical").asInt()).containsExactly(1, 0, 0);
        System.out.println(out);
    }

    private static void run(LabHost host, String instance, PatchPolicy policy, Path reports, Clock clock) {
        var dnf = new DnfPackageManager(host.installroot(), host.dnfArgs(), host.environment(), Duration.ofMinutes(2),
                new ProcessRunner());
        var outcome = AgentWorkflow.builder().packageManager(dnf).store(new DirectoryReportStore(reports)).clock(clock).build()
                .run(new RunRequest("dev", instance, instance + ".lab", host.installroot().toString(), RunMode.PATCH, policy));
        assertThat(outcome.report().error()).as("run of %s", instance).isNull();
    }
}
