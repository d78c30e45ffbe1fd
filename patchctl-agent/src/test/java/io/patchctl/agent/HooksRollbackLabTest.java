package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.insights.InsightResult;
import io.patchctl.core.insights.InsightService;
import io.patchctl.core.insights.InsightSettings;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import io.patchctl.testkit.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator hooks and the rollback through real dnf and rpm in a lab installroot: labapp's security
 * update replaces the file a health check reads with bad content (StandardLabs.healthCheck), the
 * health check is a script in the test's temp dir that reads it under $PATCHCTL_INSTALLROOT.
 */
class HooksRollbackLabTest {

    static Lab lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.healthCheck());
    }

    /** A host-side script (hooks run on the host, not chrooted): exits 1 unless the installroot's file says ok. */
    Path healthCheck() throws Exception {
        return script("health-check", """
                #!/bin/sh
                f="$PATCHCTL_INSTALLROOT%s"
                echo "checking $f for run $PATCHCTL_RUN_ID, packages: $PATCHCTL_PACKAGES"
                echo "installed: $PATCHCTL_INSTALLED"
                if grep -qx '%s' "$f"; then echo healthy; exit 0; fi
                echo "unhealthy: $(cat "$f") (db_password=hunter2)" >&2
                exit 1
                """.formatted(StandardLabs.HEALTH_FILE, StandardLabs.HEALTH_OK));
    }

    Path script(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    Path policy(String hooks) throws Exception {
        return Files.writeString(tmp.resolve("policy.yaml"), "hooks:\n" + hooks);
    }

    LabRun run(LabHost host, Path policy) {
        return LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules", "--no-compliance",
                "--policy=" + policy, "--report-dir=" + tmp.resolve("reports"));
    }

    String healthFile(LabHost host) throws Exception {
        return Files.readString(host.installroot().resolve(StandardLabs.HEALTH_FILE.substring(1))).strip();
    }

    @Test
    void postInstallHealthCheckFails_undoesExactlyOurTransaction_oldVersionsBack_exit8() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Map<String, List<String>> before = host.installed();
        Path policy = policy("  post_install:\n    command: [\"" + healthCheck() + "\"]\n    timeout_seconds: 60\n");

        LabRun run = run(host, policy);

        assertThat(run.exitCode).as(run.stderr).isEqualTo(ExitCode.ROLLED_BACK.code()).isEqualTo(8);
        JsonNode report = Json.mapper().readTree(run.stdout);
        assertThat(report.get("status").asText()).isEqualTo("ROLLED_BACK");
        // the upgrade did happen, then was undone: the rpm database shows the versions from before the run
        assertThat(report.at("/apply/installed")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("labapp-1.1-1.el8.noarch", "curl-7.61.1-34.el8.x86_64");
        assertThat(host.installed()).isEqualTo(before);
        assertThat(healthFile(host)).isEqualTo(StandardLabs.HEALTH_OK);
        host.checkRpmDatabase();

        JsonNode hook = report.at("/hooks/results/0");
        assertThat(hook.get("phase").asText()).isEqualTo("post_install");
        assertThat(hook.get("success").asBoolean()).isFalse();
        assertThat(hook.get("exit_code").asInt()).isEqualTo(1);
        assertThat(hook.get("output_tail").asText()).contains("unhealthy: " + StandardLabs.HEALTH_BROKEN)
                .contains("for run " + report.get("run_id").asText())
                .contains("installed: ").contains("labapp-1.1-1.el8.noarch")
                .contains("db_password=[REDACTED]").doesNotContain("hunter2");
        JsonNode rollback = report.at("/hooks/rollback");
        long id = report.at("/hooks/transaction_id").asLong();
        assertThat(id).isPositive();
        assertThat(rollback.get("transaction_id").asLong()).isEqualTo(id);
        assertThat(rollback.get("success").asBoolean()).isTrue();
        assertThat(rollback.get("restored")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("labapp.noarch 1.0-1.el8", "curl.x86_64 7.61.1-33.el8");
        assertThat(report.get("error").asText()).contains("post_install hook failed with exit code 1")
                .contains("rolled back dnf transaction " + id);
        assertThat(report.at("/hooks/rollback_unavailable")).isEmpty();
        // package-db check (dnf check, history info), updateinfo list + info, rollback check (repoquery), the upgrade,
        // history info (our transaction id), history undo: 3 more than the same run without hooks
        assertThat(report.get("dnf_invocations").asInt()).isEqualTo(8);
        assertThat(report.at("/verification/remaining_allowed")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("labapp", "curl");

        // the failure path: SSM reports the command Failed (exit 8), insights reads this RunReport and explains it
        Instant eventTime = Instant.parse(report.get("timestamp").asText()).plusSeconds(60);
        InsightService insights = new InsightService(new InsightSettings("dev", "us-east-2", Duration.ofHours(6), 8192),
                new DirectoryReportStore(tmp.resolve("reports")), new RulesAnalyst(), WindowTargetResolver.NONE,
                (r, key) -> { }, Clock.fixed(eventTime, ZoneOffset.UTC));
        InsightResult analysed = insights.process(TestEvents.commandFailed("ev-rb", eventTime.toString(), "i-0lab", "cmd-rb"));
        JsonNode insight = Json.mapper().readTree(new DirectoryReportStore(tmp.resolve("reports")).get(analysed.keys().get(0)).orElseThrow());
        assertThat(insight.at("/context/error_class").asText()).isEqualTo("ROLLED_BACK");
        assertThat(insight.at("/analysis/root_cause").asText()).contains("undid its own dnf transaction")
                .contains("rolled back dnf transaction " + id);
        assertThat(insight.at("/context/run_report_excerpt").asText()).contains("status: ROLLED_BACK")
                .contains("unhealthy: status=broken").doesNotContain("hunter2");
    }

    @Test
    void postInstallHealthCheckPasses_updatesStay_compliant() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Path ok = script("ok", "#!/bin/sh\necho \"fine: $PATCHCTL_HOOK\"\n");
        Path policy = policy("  post_install:\n    command: [\"" + ok + "\"]\n");

        LabRun run = run(host, policy);

        assertThat(run.exitCode).as(run.stderr).isEqualTo(ExitCode.COMPLIANT.code());
        JsonNode report = Json.mapper().readTree(run.stdout);
        assertThat(host.installed().get("labapp")).containsExactly("1.1-1.el8.noarch");
        assertThat(report.at("/hooks/results/0/output_tail").asText()).isEqualTo("fine: post_install");
        assertThat(report.at("/hooks/results/0/timeout_seconds").asInt()).isEqualTo(300);
        assertThat(report.at("/hooks/rollback").isNull()).isTrue();
        // package-db check (2), updateinfo list + info, repoquery, upgrade, history info: 2 more than without hooks
        assertThat(report.get("dnf_invocations").asInt()).isEqualTo(7);
    }

    @Test
    void preInstallFails_nothingInstalled_failedWithTheHooksOutput() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Map<String, List<String>> before = host.installed();
        Path drain = script("drain", "#!/bin/sh\necho 'lb drain refused: target group busy' >&2\nexit 3\n");
        Path policy = policy("  pre_install:\n    command: [\"" + drain + "\", \"--target-group\", \"web; rm -rf /\"]\n"
                + "    timeout_seconds: 30\n    env: {LB_REGION: us-east-2}\n");

        LabRun run = run(host, policy);

        assertThat(run.exitCode).as(run.stderr).isEqualTo(ExitCode.FAILED.code());
        JsonNode report = Json.mapper().readTree(run.stdout);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(host.installed()).isEqualTo(before);
        assertThat(report.at("/apply/ran").asBoolean()).isFalse();
        assertThat(report.get("error").asText()).contains("pre_install hook failed with exit code 3")
                .contains("lb drain refused").contains("nothing was installed");
        assertThat(report.at("/hooks/results/0/command")).extracting(JsonNode::asText)
                .containsExactly(drain.toString(), "--target-group", "web; rm -rf /");
        // no post_install hook, so no rollback check: the package-db check and discovery only
        assertThat(report.get("dnf_invocations").asInt()).isEqualTo(4);
    }

    @Test
    void hookThatHangs_isKilledWithItsChildAtItsTimeout_andReportedTimedOut() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Map<String, List<String>> before = host.installed();
        Path pidFile = tmp.resolve("child.pid");
        Path hang = script("hang", "#!/bin/sh\necho waiting for the load balancer\nsleep 600 &\necho $! > " + pidFile
                + "\nwait\n");
        Path policy = policy("  pre_install:\n    command: [\"" + hang + "\"]\n    timeout_seconds: 1\n");

        LabRun run = run(host, policy);

        assertThat(run.exitCode).as(run.stderr).isEqualTo(ExitCode.FAILED.code());
        JsonNode report = Json.mapper().readTree(run.stdout);
        JsonNode hook = report.at("/hooks/results/0");
        assertThat(hook.get("timed_out").asBoolean()).isTrue();
        assertThat(hook.get("exit_code").isNull()).isTrue();
        assertThat(hook.get("error").asText()).isEqualTo("pre_install hook timed out after 1 s and was killed");
        assertThat(hook.get("output_tail").asText()).isEqualTo("waiting for the load balancer");
        assertThat(report.get("error").asText()).contains("timed out after 1 s");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        // killed: gone, or a zombie its new parent (pid 1) has not reaped yet; never still sleeping
        assertThat(processState(child)).as("state of the hook's child sleep " + child).isIn("gone", "Z");
        assertThat(host.installed()).isEqualTo(before);
    }

    /** The state letter of /proc/PID/stat (R, S, Z, ...), or "gone". */
    static String processState(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return "gone";
        }
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
    }

    @Test
    void hookNotAnAbsolutePath_exits2_startsNothing() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Path policy = policy("  post_install:\n    command: [\"health-check.sh\", \"--quick\"]\n");

        LabRun run = run(host, policy);

        assertThat(run.exitCode).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.stderr).contains("hooks.post_install: command[0] must be an absolute path").contains("health-check.sh");
        assertThat(run.stdout).isEmpty();
        assertThat(tmp.resolve("reports")).doesNotExist();
    }

    @Test
    void oldVersionNotFetchable_planSaysRollbackImpossible_failedCheckThenFailsWithBoth() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        // the mirror pruned the versions installed now: base is gone, only updates remain
        Files.writeString(host.dnfConf(), Files.readString(host.dnfConf()).replaceFirst(
                "(?s)(\\[base\\].*?enabled=)1", "$10"));
        Path policy = policy("  post_install:\n    command: [\"" + healthCheck() + "\"]\n");

        LabRun run = run(host, policy);

        assertThat(run.exitCode).as(run.stderr).isEqualTo(ExitCode.FAILED.code());
        JsonNode report = Json.mapper().readTree(run.stdout);
        assertThat(report.at("/hooks/rollback_unavailable")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("labapp-1.0-1.el8.noarch", "curl-7.61.1-33.el8.x86_64");
        assertThat(report.get("notes").toString()).contains("rollback not possible for").contains("labapp-1.0-1.el8.noarch");
        assertThat(report.at("/hooks/rollback/attempted").asBoolean()).isTrue();
        assertThat(report.at("/hooks/rollback/success").asBoolean()).isFalse();
        assertThat(report.get("error").asText()).contains("post_install hook failed with exit code 1")
                .contains("rollback of dnf transaction").contains("failed: dnf history undo");
        assertThat(report.at("/hooks/results/0/output_tail").asText()).contains("unhealthy: " + StandardLabs.HEALTH_BROKEN);
        assertThat(healthFile(host)).isEqualTo(StandardLabs.HEALTH_BROKEN);
    }
}
