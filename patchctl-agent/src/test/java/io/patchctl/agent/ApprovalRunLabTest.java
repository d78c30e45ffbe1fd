package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.Advisor;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabAdvisory;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.LabRpm;
import io.patchctl.lab.LabSpec;
import io.patchctl.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code approve_after_days} and an expiring exception through {@code patchctl run} and real dnf: the
 * advisory dates come from the lab repository's updateinfo (read by discovery from {@code dnf updateinfo
 * info}), the run's date from an injected clock, which moves one day between two runs.
 */
class ApprovalRunLabTest {

    static Lab lab;

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @BeforeAll
    static void buildLab() {
        LabRpm openssl = LabRpm.of("openssl-libs", "1:1.1.1k-12.el8", "x86_64");
        LabRpm curl = LabRpm.of("curl", "7.61.1-34.el8", "x86_64");
        LabRpm sudo = LabRpm.of("sudo", "1.9.5p2-2.el8", "x86_64");
        LabSpec spec = LabSpec.builder()
                .base(LabRpm.of("openssl-libs", "1:1.1.1k-9.el8", "x86_64"), LabRpm.of("curl", "7.61.1-33.el8", "x86_64"),
                        LabRpm.of("sudo", "1.9.5p2-1.el8", "x86_64"))
                .update(openssl, curl, sudo)
                // a month old: approved
                .advisory(LabAdvisory.security("RHSA-2026:1001", "Important", List.of("CVE-2026-0001"), openssl)
                        .withIssued(LocalDate.of(2026, 11, 1)))
                // two days old on 2026-12-01: held until 2026-12-06
                .advisory(LabAdvisory.security("RHSA-2026:1002", "Important", List.of("CVE-2026-0003"), curl)
                        .withIssued(LocalDate.of(2026, 11, 29)))
                // old enough, but held by an exception that lapses on 2026-12-02
                .advisory(LabAdvisory.security("RHSA-2026:1003", "Moderate", List.of("CVE-2026-0100"), sudo)
                        .withIssued(LocalDate.of(2026, 10, 1)))
                .stable("filesystem", "x86_64", "3.8-6.el8")
                .build();
        lab = Lab.build(spec);
    }

    private AgentComponents components(LabHost host, Clock runClock) {
        AgentComponents base = LabRun.components(host, null, new ProcessRunner());
        return new AgentComponents() {
            @Override
            public PackageManager packageManager(Settings s) {
                return base.packageManager(s);
            }

            @Override
            public Advisor advisor(Settings s) {
                return base.advisor(s);
            }

            @Override
            public Clock clock() {
                return runClock;
            }
        };
    }

    private JsonNode run(LabHost host, Path policy) throws Exception {
        LabRun run = LabRun.run(host, components(host, clock), "--advisor=rules", "--no-compliance",
                "--policy=" + policy, "--report-dir=" + tmp.resolve("reports"));
        assertThat(run.stdout).as("stdout of patchctl run; stderr was: %s", run.stderr).startsWith("{");
        JsonNode report = Json.mapper().readTree(run.stdout);
        assertThat(run.exitCode).as(run.stderr).isEqualTo(report.get("exit_code").asInt());
        return report;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.get("package_name").asText()));
        return out;
    }

    private static String heldReason(JsonNode report, String name) {
        for (JsonNode h : report.get("held")) {
            if (h.get("package_name").asText().equals(name)) {
                return h.get("reason").asText();
            }
        }
        return null;
    }

    @Test
    void run_youngAdvisoryHeld_oldInstalled_exceptionLapsesBetweenTwoRuns() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                approve_after_days: {critical: 0, important: 7, moderate: 3}
                exceptions:
                  - cve: CVE-2026-0100
                    reason: "sudoers migration, CHG-42"
                    owner: alice@example.com
                    expires: 2026-12-02
                  - package: "openssh*"
                    reason: "sshd rebuild"
                    owner: bob
                """);

        JsonNode day1 = run(host, policy);

        assertThat(day1.get("status").asText()).isEqualTo("COMPLIANT"); // what remains is held by policy
        assertThat(texts(day1.get("approved"))).containsExactly("openssl-libs");
        assertThat(heldReason(day1, "curl")).isEqualTo("advisory RHSA-2026:1002 (Important) issued 2026-11-29 is 2 day(s)"
                + " old; policy approves Important after 7 day(s): approvable on 2026-12-06");
        assertThat(heldReason(day1, "sudo")).isEqualTo("held by exception #0 (cve CVE-2026-0100, owner alice@example.com):"
                + " sudoers migration, CHG-42 (until 2026-12-02)");
        assertThat(host.installed().get("openssl-libs")).containsExactly("1:1.1.1k-12.el8.x86_64");
        assertThat(host.installed().get("curl")).containsExactly("7.61.1-33.el8.x86_64");
        assertThat(host.installed().get("sudo")).containsExactly("1.9.5p2-1.el8.x86_64");
        assertThat(day1.at("/approval_age/held/0/approvable_on").asText()).isEqualTo("2026-12-06");
        assertThat(day1.at("/approval_age/held/0/issued").asText()).isEqualTo("2026-11-29"); // dnf's own date
        assertThat(day1.at("/exceptions/entries/0/state").asText()).isEqualTo("LAPSING");
        assertThat(texts(day1.at("/exceptions/entries/0/holding"))).containsExactly("sudo");
        assertThat(day1.at("/exceptions/entries/1/no_expiry").asBoolean()).isTrue();
        assertThat(texts(day1.get("notes"))).anyMatch(n -> n.contains("exception #1 (package openssh*, owner bob)")
                && n.contains("no expiry"));

        clock.advance(Duration.ofDays(1)); // 2026-12-02: the exception's expiry day
        JsonNode day2 = run(host, policy);

        assertThat(day2.get("status").asText()).isEqualTo("COMPLIANT");
        assertThat(texts(day2.get("approved"))).containsExactly("sudo");
        assertThat(host.installed().get("sudo")).containsExactly("1.9.5p2-2.el8.x86_64");
        assertThat(heldReason(day2, "curl")).contains("is 3 day(s) old").endsWith("approvable on 2026-12-06");
        assertThat(day2.at("/exceptions/entries/0/state").asText()).isEqualTo("LAPSED");
        assertThat(texts(day2.at("/exceptions/entries/0/allowed_again"))).containsExactly("sudo");
        assertThat(day2.at("/exceptions/lapsed").asInt()).isEqualTo(1);
        assertThat(texts(day2.get("notes"))).contains(
                "exception #0 (cve CVE-2026-0100, owner alice@example.com) lapsed on 2026-12-02; allowed again: sudo");
        host.checkRpmDatabase();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            unknown key | expiry: 2026-12-02            | exceptions[0]: unknown key 'expiry'
            bad date    | expires: 2026-02-30           | exceptions[0].expires must be a date YYYY-MM-DD
            """)
    void run_malformedException_exitsTwoNamingEntryAndKey_andChangesNothing(String label, String line, String message)
            throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());
        var before = host.installed();
        Path policy = Files.writeString(tmp.resolve("policy.yaml"),
                "exceptions:\n  - cve: CVE-2026-0100\n    reason: r\n    owner: o\n    " + line + "\n");

        LabRun run = LabRun.run(host, components(host, clock), "--advisor=rules", "--no-compliance",
                "--policy=" + policy, "--report-dir=" + tmp.resolve("reports"));

        assertThat(run.exitCode).as(run.stderr).isEqualTo(2);
        assertThat(run.stderr).contains("policy file " + policy + ": " + message);
        assertThat(host.installed()).isEqualTo(before);
    }
}
