package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.internal.json.Json;
import io.patchctl.core.rollout.RingApproval;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad ring options are usage errors (exit 1) before anything is discovered or installed. */
class RingOptionsTest {

    @TempDir
    Path tmp;

    private LabRun run(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--installroot=" + tmp, "--instance-id=i-0ring",
                "--lock-file=" + tmp.resolve("run.lock"), "--spool-dir=" + tmp.resolve("spool"), "--advisor=rules",
                "--no-compliance"));
        args.addAll(List.of(extra));
        return LabRun.runRaw(new AgentComponents(), args.toArray(new String[0]));
    }

    @Test
    void approvalFromWithoutRing_isExitOne() {
        LabRun r = run("--approval-from=staging", "--report-dir=" + tmp);
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.stderr).contains("--approval-from needs --ring NAME");
    }

    @Test
    void ringWithoutReportStore_isExitOne() {
        LabRun r = run("--ring=prod", "--approval-from=staging");
        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.stderr).contains("--ring needs a report store");
    }

    @Test
    void unsafeRingName_orRingGatedOnItself_isExitOne() {
        assertThat(run("--ring=../prod", "--report-dir=" + tmp).stderr).contains("not a safe report key segment");
        LabRun self = run("--ring=prod", "--approval-from=prod", "--report-dir=" + tmp);
        assertThat(self.exitCode).isEqualTo(1);
        assertThat(self.stderr).contains("--approval-from names the ring itself");
    }

    @Test
    void approvalPromotedFromAnotherRing_isExitOneBeforeDnfRuns() {
        new DirectoryReportStore(tmp).put(ReportKeys.ringApproval("prod", 1), Json.bytes(new RingApproval(RingApproval.SCHEMA,
                "prod", "dev", 1, Instant.parse("2026-11-02T10:00:00Z"), "ops", 7, List.of(), null, null)));

        LabRun r = run("--ring=prod", "--approval-from=staging", "--report-dir=" + tmp);

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.stderr).contains("ring prod: ring prod expects approvals from ring staging, but approval v1 was promoted from ring dev");
        assertThat(r.stdout).isEmpty();
    }

    @Test
    void unreadableLatestApproval_isExitOne_notASilentFallbackToAnOlderOne() {
        DirectoryReportStore store = new DirectoryReportStore(tmp);
        store.put(ReportKeys.ringApproval("prod", 1), Json.bytes(new RingApproval(RingApproval.SCHEMA, "prod", "staging", 1,
                Instant.parse("2026-11-02T10:00:00Z"), "ops", 7, List.of(), null, null)));
        store.put(ReportKeys.ringApproval("prod", 2), "{truncated".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        LabRun r = run("--ring=prod", "--approval-from=staging", "--report-dir=" + tmp);

        assertThat(r.exitCode).isEqualTo(1);
        assertThat(r.stderr).contains("bedrock-patch-rings/prod/approvals/00000002.json is unreadable");
    }
}
