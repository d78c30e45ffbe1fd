package io.patchctl.core.sla;

import static io.patchctl.testkit.StoredRuns.run;
import static io.patchctl.testkit.StoredRuns.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.report.RunReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clocks from RunReports as the agent serialises them (through the one JSON mapper). */
class SlaClocksTest {

    static final LocalDate ISSUED = LocalDate.parse("2026-10-01");
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    static final SecurityUpdate OPENSSL = update("RHSA-2026:1", Severity.CRITICAL, "CVE-2026-0001", "openssl-libs", ISSUED);
    static final SecurityUpdate KERNEL = update("RHSA-2026:2", Severity.IMPORTANT, "CVE-2026-0002", "kernel-core", ISSUED);

    @Test
    void installedByTheRun_stopsTheClockAtThatRun_daysFromTheAdvisoryDate() {
        List<CveClock> clocks = clocks(run("dev", "i-1", at("2026-10-11"), List.of(OPENSSL), List.of("openssl-libs"), List.of(), null));

        assertThat(clocks).singleElement().satisfies(c -> {
            assertThat(c.open()).isFalse();
            assertThat(c.fixedAt()).isEqualTo(at("2026-10-11"));
            assertThat(c.days()).isEqualTo(10);
            assertThat(c.withinSla()).isTrue();
        });
    }

    @Test
    void noLongerPendingInALaterRun_stopsTheClockThere_evenWithoutOurInstall() {
        List<CveClock> clocks = clocks(
                run("dev", "i-1", at("2026-10-05"), List.of(OPENSSL), List.of(), List.of(), "Error: Transaction test error"),
                run("dev", "i-1", at("2026-10-25"), List.of(), List.of(), List.of(), null));

        assertThat(clocks).singleElement().satisfies(c -> {
            assertThat(c.fixedAt()).isEqualTo(at("2026-10-25"));
            assertThat(c.days()).isEqualTo(24);
            assertThat(c.withinSla()).as("24 days > Critical's 15").isFalse();
        });
    }

    @Test
    void heldInTheLatestRun_staysOpenToNow_overdueWithTheHoldReason() {
        HeldPackage hold = new HeldPackage("kernel-core", "kernel update needs a reboot");
        List<CveClock> clocks = clocks(
                run("dev", "i-1", at("2026-10-05"), List.of(KERNEL), List.of(), List.of(hold), null),
                run("dev", "i-1", at("2026-11-05"), List.of(KERNEL), List.of(), List.of(hold), null));

        assertThat(clocks).singleElement().satisfies(c -> {
            assertThat(c.open()).isTrue();
            assertThat(c.days()).isEqualTo(61); // 2026-10-01 .. 2026-12-01
            assertThat(c.overdue()).isTrue();
            assertThat(c.why()).isEqualTo("held: kernel-core (kernel update needs a reboot)");
            assertThat(c.firstSeen()).isEqualTo(at("2026-10-05"));
        });
    }

    @Test
    void latestRunFailed_saysFailedWithTheFirstLineOfTheError() {
        List<CveClock> clocks = clocks(run("dev", "i-1", at("2026-10-05"), List.of(OPENSSL), List.of(), List.of(),
                "Error: Transaction test error:\n  installing package openssl-libs needs 171MB"));

        assertThat(clocks).singleElement().extracting(CveClock::why).isEqualTo("failed: Error: Transaction test error:");
    }

    @Test
    void aRunThatFailedBeforeDiscovery_neitherStartsNorStopsAClock() {
        List<CveClock> clocks = clocks(
                run("dev", "i-1", at("2026-10-05"), List.of(OPENSSL), List.of(), List.of(), null),
                run("dev", "i-1", at("2026-10-06"), List.of(), List.of(), List.of(), "discovery failed: rpmdb open failed"));

        assertThat(clocks).singleElement().satisfies(c -> {
            assertThat(c.open()).as("the failed run saw nothing pending because it saw nothing").isTrue();
            assertThat(c.why()).isEqualTo("failed: discovery failed: rpmdb open failed");
        });
    }

    @Test
    void pendingAgainAfterAFix_opensASecondClock() {
        List<CveClock> clocks = clocks(
                run("dev", "i-1", at("2026-10-05"), List.of(OPENSSL), List.of("openssl-libs"), List.of(), null),
                run("dev", "i-1", at("2026-10-20"), List.of(OPENSSL), List.of(), List.of(), null));

        assertThat(clocks).extracting(CveClock::open).containsExactlyInAnyOrder(false, true);
    }

    @Test
    void advisoryWithoutDate_clocksFromTheFirstRunThatSawIt() {
        SecurityUpdate undated = update("RHSA-2026:3", Severity.LOW, "CVE-2026-0003", "curl", null);
        List<CveClock> clocks = clocks(run("dev", "i-1", at("2026-11-21"), List.of(undated), List.of(), List.of(), null));

        assertThat(clocks).singleElement().satisfies(c -> {
            assertThat(c.issued()).isNull();
            assertThat(c.clockStart()).isEqualTo(LocalDate.parse("2026-11-21"));
            assertThat(c.days()).isEqualTo(10);
        });
    }

    @Test
    void aCveFixedByTwoPackages_staysOpenUntilBothAreInstalled() {
        SecurityUpdate libs = update("RHSA-2026:4", Severity.IMPORTANT, "CVE-2026-0004", "openssl-libs", ISSUED);
        SecurityUpdate tool = update("RHSA-2026:4", Severity.IMPORTANT, "CVE-2026-0004", "openssl", ISSUED);
        List<CveClock> clocks = clocks(run("dev", "i-1", at("2026-10-05"), List.of(libs, tool), List.of("openssl-libs"),
                List.of(new HeldPackage("openssl", "excluded by policy")), null));

        assertThat(clocks).singleElement().satisfies(c -> {
            assertThat(c.open()).isTrue();
            assertThat(c.packages()).containsExactlyInAnyOrder("openssl-libs", "openssl");
            assertThat(c.why()).isEqualTo("held: openssl (excluded by policy)");
        });
    }

    @Test
    void report_medianP90AndShareOfHostsWithin() {
        // five hosts fix the critical CVE after 2, 4, 6, 8, 20 days; a sixth still has it open (61 days)
        List<RunObservation> runs = new java.util.ArrayList<>();
        int[] days = {2, 4, 6, 8, 20};
        for (int i = 0; i < days.length; i++) {
            runs.add(obs(run("dev", "i-" + i, ISSUED.plusDays(days[i]).atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                    List.of(OPENSSL), List.of("openssl-libs"), List.of(), null)));
        }
        runs.add(obs(run("dev", "i-9", at("2026-10-05"), List.of(OPENSSL), List.of(), List.of(), null)));

        SlaReport sla = SlaReport.of(SlaTargets.defaults(), NOW, runs);
        SeverityFigures f = sla.figures().get(Severity.CRITICAL);

        assertThat(f.fixed()).isEqualTo(5);
        assertThat(f.open()).isEqualTo(1);
        assertThat(f.medianDays()).isEqualTo(6);
        assertThat(f.p90Days()).isEqualTo(20);
        assertThat(f.hosts()).isEqualTo(6);
        assertThat(f.hostsWithin()).as("4 fixed within 15 days; one fixed late, one overdue").isEqualTo(4);
        assertThat(f.fixedLate()).isEqualTo(1);
        assertThat(sla.overdue()).extracting(CveClock::instanceId).containsExactly("i-9");
        assertThat(sla.figures()).doesNotContainKey(Severity.LOW);
    }

    @Test
    void cycles_areBurstsOfRuns_withTheExposureOpenAtTheirEnd() {
        List<RunObservation> runs = List.of(
                obs(run("dev", "i-1", at("2026-10-05"), List.of(OPENSSL, KERNEL), List.of(), List.of(), null)),
                obs(run("dev", "i-2", at("2026-10-05").plusSeconds(300), List.of(OPENSSL), List.of(), List.of(), null)),
                obs(run("dev", "i-1", at("2026-10-12"), List.of(OPENSSL, KERNEL), List.of("openssl-libs"), List.of(), null)),
                obs(run("dev", "i-2", at("2026-10-12").plusSeconds(60), List.of(OPENSSL), List.of("openssl-libs"), List.of(), null)));

        List<CyclePoint> cycles = SlaReport.of(SlaTargets.defaults(), NOW, runs).cycles();

        assertThat(cycles).extracting(CyclePoint::runs).containsExactly(2, 2);
        assertThat(cycles).extracting(CyclePoint::openCritical).containsExactly(2, 0);
        assertThat(cycles).extracting(CyclePoint::openImportant).containsExactly(1, 1);
        assertThat(cycles.get(0).distinctCritical()).isEqualTo(1);
    }

    @Test
    void nevraName_cutsArchVersionAndRelease_keepingDashesOfTheName() {
        assertThat(FixReading.name("openssl-libs-1:1.1.1k-2.el8.x86_64")).isEqualTo("openssl-libs");
        assertThat(FixReading.name("python3-libs-3.9.18-1.el9.noarch")).isEqualTo("python3-libs");
    }

    private static List<CveClock> clocks(RunReport... runs) {
        return new SlaClocks(SlaTargets.defaults(), NOW).compute(java.util.Arrays.stream(runs).map(SlaClocksTest::obs).toList());
    }

    static RunObservation obs(RunReport run) {
        JsonNode json = Json.mapper().valueToTree(run);
        return RunObservation.fromJson(Json.mapper().convertValue(json, JsonNode.class));
    }

    static Instant at(String day) {
        return Instant.parse(day + "T10:00:00Z");
    }
}
