package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's fix_verification through real dnf and rpm: fixed, held by policy, failed, from one rpm -q. */
class FixVerificationLabTest {

    static Lab lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.failing());
    }

    static JsonNode advisory(JsonNode report, String id) {
        for (JsonNode a : report.get("fix_verification").get("advisories")) {
            if (a.get("advisory_id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no advisory " + id + " in " + report.get("fix_verification"));
    }

    static JsonNode cve(JsonNode report, String id) {
        for (JsonNode c : report.get("fix_verification").get("cves")) {
            if (c.get("cve").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no CVE " + id + " in " + report.get("fix_verification"));
    }

    @Test
    void run_reportsEachAdvisoryAndCve_fixedHeldOrFailed_fromOneRpmQuery() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("host"), HostSpec.allBase());
        AtomicInteger rpmQueries = new AtomicInteger();
        ProcessRunner counting = new ProcessRunner() {
            @Override
            public io.patchctl.dnf.process.ProcessResult run(java.util.List<String> argv, java.util.Map<String, String> env,
                                                              java.time.Duration timeout) {
                if (argv.get(0).equals("rpm") && argv.contains("-q") && argv.contains("--qf")) {
                    rpmQueries.incrementAndGet();
                }
                return super.run(argv, env, timeout);
            }
        };

        LabRun run = LabRun.run(host, LabRun.components(host, null, counting), "--advisor=rules",
                "--state-dir=" + tmp.resolve("state"));

        assertThat(run.exitCode).as(run.stderr).isEqualTo(4);
        JsonNode report = Json.mapper().readTree(run.stdout);
        JsonNode fixes = report.get("fix_verification");
        assertThat(fixes.get("ran").asBoolean()).isTrue();
        assertThat(fixes.get("source").asText()).isEqualTo("installed-evrs");
        // installed by dnf, rpm shows the fixed EVR
        JsonNode openssl = advisory(report, "RHSA-2026:1001");
        assertThat(openssl.get("status").asText()).isEqualTo("FIXED");
        assertThat(openssl.get("packages").get(0).get("installed_evr").asText()).isEqualTo("1:1.1.1k-12.el8");
        assertThat(cve(report, "CVE-2026-0001").get("status").asText()).isEqualTo("FIXED");
        // held by the default policy (kernel*), with the hold's reason
        JsonNode kernel = advisory(report, "RHSA-2026:1006");
        assertThat(kernel.get("status").asText()).isEqualTo("NOT_FIXED");
        assertThat(kernel.get("why").asText()).isEqualTo("HELD");
        assertThat(kernel.get("packages").get(0).get("detail").asText()).isEqualTo("policy holds packages matching 'kernel*'");
        assertThat(cve(report, "CVE-2026-0006").get("why").asText()).isEqualTo("HELD");
        // approved, its %pre failed: dnf's error is the evidence, rpm still shows the old EVR
        JsonNode broken = advisory(report, "RHSA-2026:1099");
        assertThat(broken.get("why").asText()).isEqualTo("FAILED");
        assertThat(broken.get("packages").get(0).get("installed_evr").asText()).isEqualTo("2025a-1.el8");
        assertThat(broken.get("packages").get(0).get("detail").asText()).contains("scriptlet failed");
        assertThat(cve(report, "CVE-2026-10990").get("status").asText()).isEqualTo("NOT_FIXED");
        // discovery's rpm -q, then the verification's: the fix check adds none
        assertThat(rpmQueries.get()).isEqualTo(2);
        assertThat(host.installed().get(StandardLabs.FAILING_SCRIPTLET)).containsExactly("2025a-1.el8.noarch");
    }
}
