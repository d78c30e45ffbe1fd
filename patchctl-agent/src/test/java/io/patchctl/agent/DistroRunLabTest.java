package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.internal.json.Json;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabDistro;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code patchctl run} end to end on lab hosts of each RHEL-family distribution: real dnf and rpm on an
 * installroot whose os-release, advisory ids, dist tags, severities and kernel names are that
 * distribution's. The report must name the distribution and patch exactly the allowed updates.
 */
class DistroRunLabTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = LabDistro.class, names = {"ROCKY9", "ALMA8", "ORACLE9", "AL2023", "RHEL9"})
    void run_distroHost_patchesAllowedUpdatesAndNamesTheDistro(LabDistro distro) throws Exception {
        Lab lab = Lab.build(StandardLabs.distro(distro));
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase().distro(distro));

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--report-dir=" + tmp.resolve("reports"), "--no-compliance");

        assertThat(run.exitCode).as(run.stderr).isZero();
        JsonNode report = Json.mapper().readTree(run.stdout);
        assertThat(report.get("distro").get("id").asText()).isEqualTo(distro.id());
        String prefix = distro.advisoryId(2026, 0).substring(0, distro.advisoryId(2026, 0).indexOf('-') + 1);
        assertThat(report.get("discovered")).isNotEmpty()
                .allSatisfy(u -> assertThat(u.get("advisory_id").asText()).startsWith(prefix + "2026"));
        List<String> approved = new ArrayList<>();
        report.get("approved").forEach(a -> approved.add(a.asText()));
        assertThat(approved).containsExactlyInAnyOrderElementsOf(StandardLabs.DISTRO_ALLOWED);
        List<String> held = new ArrayList<>();
        report.get("held").forEach(h -> held.add(h.get("package_name").asText()));
        assertThat(held).containsExactlyInAnyOrderElementsOf(StandardLabs.distroKernels(distro));
        // what rpm says is installed, not what the report claims
        assertThat(host.installed().get("curl")).singleElement().asString().contains("7.76.1-31." + distro.distTag());
        assertThat(host.installed().get(StandardLabs.distroKernels(distro).get(0))).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = LabDistro.class, names = {"AL2023"})
    void run_amazonLinux_readsLowerCaseAndMediumSeverities(LabDistro distro) throws Exception {
        Lab lab = Lab.build(StandardLabs.distro(distro));
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase().distro(distro));

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--report-dir=" + tmp.resolve("reports"), "--no-compliance", "--scan-only");

        JsonNode report = Json.mapper().readTree(run.stdout);
        List<String> severities = new ArrayList<>();
        report.get("discovered").forEach(u -> severities.add(u.get("name").asText() + "=" + u.get("severity").asText()));
        assertThat(severities).contains("curl=CRITICAL", "sudo=MODERATE", "zlib=LOW", "openssl-libs=IMPORTANT");
        assertThat(Files.readString(host.installroot().resolve("etc/os-release"))).contains("ID=\"amzn\"");
    }

    @org.junit.jupiter.api.Test
    void run_releaseLatestPolicy_onAmazonLinux_passesReleaseverLatestToEveryDnfCall() throws Exception {
        Lab lab = Lab.build(StandardLabs.distro(LabDistro.AL2023));
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase().distro(LabDistro.AL2023));
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), "release: latest\n");
        List<List<String>> dnfCalls = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProcessRunner recording = new ProcessRunner() {
            @Override
            public io.patchctl.dnf.process.ProcessResult run(List<String> argv, java.util.Map<String, String> env,
                                                              java.time.Duration timeout) {
                if (argv.get(0).equals("dnf")) {
                    dnfCalls.add(List.copyOf(argv));
                }
                return super.run(argv, env, timeout);
            }
        };

        LabRun run = LabRun.run(host, LabRun.components(host, null, recording), "--advisor=rules",
                "--report-dir=" + tmp.resolve("reports"), "--no-compliance", "--policy=" + policy);

        // the lab's repositories do not use $releasever, so the run itself is unchanged: what matters is the argv
        assertThat(run.exitCode).as(run.stderr).isZero();
        assertThat(dnfCalls).isNotEmpty().allSatisfy(argv -> {
            assertThat(argv).contains("--releasever=latest");
            assertThat(argv.lastIndexOf("--releasever=latest")).isGreaterThan(argv.indexOf("--releasever=2023.6.20241010"));
        });
    }
}
