package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.RunningKernel;
import io.patchctl.core.internal.json.Json;
import io.patchctl.dnf.DnfPackageManager;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reboot: if-needed} through real dnf: the kernel update is installed, the run exits 194 with a
 * marker, and the run SSM starts again after the reboot checks the kernel that "booted". An installroot
 * has no running kernel: the test says which one booted (the RunningKernel port), which is the reboot.
 */
class RebootResumeLabTest {

    static final String OLD_KERNEL = "4.18.0-553.1.el8.x86_64";
    static final String NEW_KERNEL = "4.18.0-553.2.el8.x86_64";

    static Lab lab;

    @TempDir
    Path tmp;

    final AtomicReference<String> booted = new AtomicReference<>(OLD_KERNEL);

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.mixed());
    }

    private AgentComponents components(LabHost host) {
        return new AgentComponents() {
            @Override
            public PackageManager packageManager(Settings s) {
                return new DnfPackageManager(s.installroot(), s.dnfArgs(), host.environment(), s.dnfTimeout(), new ProcessRunner());
            }

            @Override
            public RunningKernel runningKernel(Settings s) {
                return () -> Optional.of(booted.get());
            }
        };
    }

    private LabRun run(LabHost host, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--advisor=rules", "--no-compliance",
                "--state-dir=" + tmp.resolve("state"), "--report-dir=" + tmp.resolve("reports"), "--spool-dir=" + tmp.resolve("spool")));
        args.addAll(List.of(extra));
        return LabRun.run(host, components(host), args.toArray(new String[0]));
    }

    private Path marker() {
        return tmp.resolve("state").resolve("reboot-pending.json");
    }

    private static JsonNode json(LabRun run) throws Exception {
        assertThat(run.stdout).as("stdout; stderr: %s", run.stderr).startsWith("{");
        return Json.mapper().readTree(run.stdout);
    }

    private List<JsonNode> storedReports() throws Exception {
        try (Stream<Path> files = Files.walk(tmp.resolve("reports"))) {
            return files.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return Json.mapper().readTree(p.toFile());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private JsonNode firstHalf(LabHost host) throws Exception {
        LabRun first = run(host, "--reboot=if-needed");
        assertThat(first.exitCode).as(first.stderr).isEqualTo(194);
        JsonNode report = json(first);
        assertThat(report.get("status").asText()).isEqualTo("REBOOT_PENDING");
        assertThat(report.get("exit_code").asInt()).isEqualTo(194);
        return report;
    }

    @Test
    void ifNeeded_installsTheKernel_writesTheMarker_andExits194() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());

        JsonNode report = firstHalf(host);

        assertThat(report.get("approved").toString()).contains("\"kernel\"", "\"kernel-core\"");
        assertThat(host.installed().get("kernel-core")).containsExactly("4.18.0-553.1.el8.x86_64", "4.18.0-553.2.el8.x86_64");
        JsonNode reboot = report.get("reboot");
        assertThat(reboot.get("outcome").asText()).isEqualTo("REQUESTED");
        assertThat(reboot.get("expected_kernel").asText()).isEqualTo("4.18.0-553.2.el8");
        assertThat(reboot.get("running_kernel").asText()).isEqualTo(OLD_KERNEL);
        assertThat(reboot.get("reason").asText()).isEqualTo("kernel 4.18.0-553.2.el8 installed, running " + OLD_KERNEL);
        // the kernel advisory waits for the reboot; the others are fixed now
        JsonNode kernelFix = FixVerificationLabTest.advisory(report, "RHSA-2026:1006");
        assertThat(kernelFix.get("why").asText()).isEqualTo("NEEDS_REBOOT");
        assertThat(FixVerificationLabTest.advisory(report, "RHSA-2026:1001").get("status").asText()).isEqualTo("FIXED");
        JsonNode marker = Json.mapper().readTree(marker().toFile());
        assertThat(marker.get("schema").asText()).isEqualTo("patchctl.reboot-marker/v1");
        assertThat(marker.get("run_id").asText()).isEqualTo(report.get("run_id").asText());
        assertThat(marker.get("expected_kernel").asText()).isEqualTo("4.18.0-553.2.el8");
        assertThat(storedReports()).singleElement().satisfies(r -> assertThat(r.get("status").asText()).isEqualTo("REBOOT_PENDING"));
    }

    @Test
    void resumed_onTheNewKernel_isCompliant_andVerifiesTheKernelAdvisory() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());
        JsonNode first = firstHalf(host);

        booted.set(NEW_KERNEL); // the reboot
        LabRun second = run(host, "--reboot=if-needed");

        assertThat(second.exitCode).as(second.stderr).isZero();
        JsonNode report = json(second);
        assertThat(report.get("status").asText()).isEqualTo("COMPLIANT");
        JsonNode reboot = report.get("reboot");
        assertThat(reboot.get("outcome").asText()).isEqualTo("RESUMED_ON_NEW_KERNEL");
        assertThat(reboot.get("resumed_from_run_id").asText()).isEqualTo(first.get("run_id").asText());
        assertThat(reboot.get("running_kernel").asText()).isEqualTo(NEW_KERNEL);
        JsonNode kernelFix = FixVerificationLabTest.advisory(report, "RHSA-2026:1006");
        assertThat(kernelFix.get("status").asText()).isEqualTo("FIXED");
        assertThat(FixVerificationLabTest.cve(report, "CVE-2026-0006").get("status").asText()).isEqualTo("FIXED");
        assertThat(report.get("apply").get("ran").asBoolean()).isFalse();
        // nothing left to install: updateinfo list + the package-database check's two cache-only calls; the
        // kernels are read by one rpm -q, not by dnf
        assertThat(report.get("dnf_invocations").asInt()).as("first half: %s", first.get("dnf_invocations")).isEqualTo(3);
        assertThat(Files.exists(marker())).isFalse();
        assertThat(storedReports()).extracting(r -> r.get("status").asText())
                .containsExactlyInAnyOrder("REBOOT_PENDING", "COMPLIANT");
    }

    @Test
    void resumed_onTheOldKernel_isFailedWithTheEvidence() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());
        firstHalf(host);
        Map<String, List<String>> before = host.installed();

        LabRun second = run(host, "--reboot=if-needed"); // the host came back on the old kernel

        assertThat(second.exitCode).as(second.stderr).isEqualTo(4);
        JsonNode report = json(second);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("error").asText()).isEqualTo("the host came back from the reboot on an older kernel than the one"
                + " installed: expected kernel 4.18.0-553.2.el8, running " + OLD_KERNEL + " (before the reboot: " + OLD_KERNEL
                + "); installed kernels: [4.18.0-553.2.el8, 4.18.0-553.1.el8]");
        JsonNode reboot = report.get("reboot");
        assertThat(reboot.get("outcome").asText()).isEqualTo("RESUMED_ON_OLD_KERNEL");
        assertThat(reboot.get("installed_kernels").toString()).isEqualTo("[\"4.18.0-553.2.el8\",\"4.18.0-553.1.el8\"]");
        assertThat(FixVerificationLabTest.advisory(report, "RHSA-2026:1006").get("why").asText()).isEqualTo("NEEDS_REBOOT");
        assertThat(host.installed()).isEqualTo(before);
        assertThat(Files.exists(marker())).as("read once: no reboot loop").isFalse();
    }

    @Test
    void corruptMarker_isAClearError_andTheFileIsKept() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());
        Files.createDirectories(marker().getParent());
        Files.writeString(marker(), "not json {");
        Map<String, List<String>> before = host.installed();

        LabRun run = run(host, "--reboot=if-needed");

        assertThat(run.exitCode).as(run.stderr).isEqualTo(4);
        JsonNode report = json(run);
        assertThat(report.get("error").asText()).startsWith("reboot marker " + marker() + " is not valid JSON")
                .endsWith("nothing was done and the file was left as it is: inspect it, then delete it to let patchctl run again");
        assertThat(report.get("reboot").get("outcome").asText()).isEqualTo("MARKER_UNUSABLE");
        assertThat(run.stderr).contains("patchctl: error: reboot marker");
        assertThat(Files.readString(marker())).isEqualTo("not json {");
        assertThat(host.installed()).isEqualTo(before);
    }

    @Test
    void rebootNever_default_holdsTheKernel_andWritesNoMarker() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());

        LabRun run = run(host);

        assertThat(run.exitCode).as(run.stderr).isZero();
        assertThat(host.installed().get("kernel-core")).containsExactly("4.18.0-553.1.el8.x86_64");
        assertThat(Files.exists(marker())).isFalse();
        assertThat(json(run).get("reboot").isNull()).isTrue();
    }

    @Test
    void rebootBadValue_isExit2() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, "reboot: sometimes\n");

        LabRun fromFile = run(host, "--policy=" + policy);
        LabRun fromOption = run(host, "--reboot=always");

        assertThat(fromFile.exitCode).isEqualTo(2);
        assertThat(fromFile.stderr).contains("reboot must be never or if-needed, found string \"sometimes\"");
        assertThat(fromOption.exitCode).isEqualTo(2);
        assertThat(fromOption.stderr).contains("--reboot: reboot must be never or if-needed, found string \"always\"");
    }
}
