package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.agent.PatchctlCommandLine;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.Risk;
import io.patchctl.core.rollout.Promotion;
import io.patchctl.core.rollout.PromotionRequest;
import io.patchctl.core.rollout.PromotionResult;
import io.patchctl.core.rollout.RingPackage;
import io.patchctl.core.rollout.RingSuccess;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.testkit.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code patchctl promote} through the shared command line, on a directory and on S3Proxy. */
class PromoteCommandTest {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(T0);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int execute(Map<String, String> env, String... args) {
        PromoteCommand command = new PromoteCommand(clock);
        command.env = env;
        CommandLine cli = PatchctlCommandLine.commandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    static void seed(ReportStore store, String instance, Instant at) {
        RingSuccess s = new RingSuccess(RingSuccess.SCHEMA, "staging", instance, "run-" + instance, at, "fp-1",
                new PatchPlan(List.of("curl", "openssl-libs"), List.of(), Risk.LOW, "plan"),
                List.of(new RingPackage("curl", "x86_64", "7.61.1-34.el8", "RHSA-2026:1002", Severity.CRITICAL, List.of("CVE-2026-0003")),
                        new RingPackage("openssl-libs", "x86_64", "1:1.1.1k-12.el8", "RHSA-2026:1001", Severity.IMPORTANT,
                                List.of("CVE-2026-0001"))));
        store.put(ReportKeys.ringSuccess("staging", instance, at, s.runId()), Json.bytes(s));
    }

    @Test
    void promote_afterSoak_writesTheApprovalAndPrintsIt_secondTimeUpToDate() throws Exception {
        seed(new DirectoryReportStore(tmp), "i-01", T0);
        clock.advance(Duration.ofDays(7));

        int code = execute(Map.of(), "--from", "staging", "--to", "prod", "--soak-days", "7", "--report-dir", tmp.toString(),
                "--by", "alice");

        assertThat(code).as(err.toString()).isZero();
        JsonNode result = Json.mapper().readTree(out.toString());
        assertThat(result.at("/result").asText()).isEqualTo("written");
        assertThat(result.at("/key").asText()).isEqualTo("bedrock-patch-rings/prod/approvals/00000001.json");
        assertThat(result.at("/approval/promoted_by").asText()).isEqualTo("alice");
        assertThat(result.at("/approval/packages").size()).isEqualTo(2);
        assertThat(tmp.resolve("bedrock-patch-rings/prod/approvals/00000001.json")).exists();
        assertThat(err.toString()).contains("staging -> prod approval v1 written (2 build(s), 2 new)");

        out.getBuffer().setLength(0);
        assertThat(execute(Map.of(), "--from", "staging", "--to", "prod", "--report-dir", tmp.toString())).isZero();
        assertThat(Json.mapper().readTree(out.toString()).at("/result").asText()).isEqualTo("up_to_date");
    }

    @Test
    void promote_betweenTwoStores_readsFromsSuccessesAndWritesTheApprovalIntoTheOtherStore() throws Exception {
        Path staging = java.nio.file.Files.createDirectories(tmp.resolve("staging-bucket"));
        Path prod = java.nio.file.Files.createDirectories(tmp.resolve("prod-bucket"));
        seed(new DirectoryReportStore(staging), "i-01", T0);
        clock.advance(Duration.ofDays(8));

        int code = execute(Map.of(), "--from", "staging", "--to", "prod", "--report-dir", staging.toString(),
                "--to-report-dir", prod.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(new DirectoryReportStore(prod).list(ReportKeys.ringApprovalPrefix("prod"))).hasSize(1);
        assertThat(new DirectoryReportStore(staging).list(ReportKeys.ringApprovalPrefix("prod"))).isEmpty();
    }

    @Test
    void promote_beforeSoak_exitsZeroWritingNothing_andSaysWhen() throws Exception {
        seed(new DirectoryReportStore(tmp), "i-01", T0);
        clock.advance(Duration.ofDays(1));

        int code = execute(Map.of(), "--from", "staging", "--to", "prod", "--report-dir", tmp.toString());

        assertThat(code).isZero();
        JsonNode result = Json.mapper().readTree(out.toString());
        assertThat(result.at("/result").asText()).isEqualTo("not_soaked");
        assertThat(result.at("/earliest").asText()).isEqualTo("2026-11-09T10:00:00Z");
        assertThat(new DirectoryReportStore(tmp).list(ReportKeys.ringApprovalPrefix("prod"))).isEmpty();
    }

    @Test
    void promote_fromRingWithNoSuccessfulRun_exitsOneNamingTheRing() {
        int code = execute(Map.of(), "--from", "staging", "--to", "prod", "--report-dir", tmp.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("patchctl: ring staging has no successful run recorded under")
                .contains("run its hosts with --ring staging first");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void promote_urgentCve_recordsWhoWhyWhich_andBadOverridesExitOne() throws Exception {
        seed(new DirectoryReportStore(tmp), "i-01", T0);

        assertThat(execute(Map.of(), "--from", "staging", "--to", "prod", "--report-dir", tmp.toString(),
                "--urgent-cve", "CVE-2026-0003")).isEqualTo(1);
        assertThat(err.toString()).contains("an urgent override needs a reason");
        assertThat(execute(Map.of(), "--from", "staging", "--to", "prod", "--report-dir", tmp.toString(),
                "--urgent-cve", "CVE-2026-x", "--reason", "r")).isEqualTo(1);
        assertThat(err.toString()).contains("not a CVE id (expected CVE-YYYY-NNNN…): 'CVE-2026-x'");

        int code = execute(Map.of(), "--from", "staging", "--to", "prod", "--report-dir", tmp.toString(),
                "--urgent-cve", "CVE-2026-0003", "--reason", "curl exploited", "--by", "bob");

        assertThat(code).as(err.toString()).isZero();
        JsonNode approval = Json.mapper().readTree(out.toString()).at("/approval");
        assertThat(approval.at("/packages").size()).isEqualTo(1);
        assertThat(approval.at("/packages/0/via").asText()).isEqualTo("urgent");
        assertThat(approval.at("/overrides/0/by").asText()).isEqualTo("bob");
        assertThat(approval.at("/overrides/0/reason").asText()).isEqualTo("curl exploited");
        assertThat(approval.at("/overrides/0/cves/0").asText()).isEqualTo("CVE-2026-0003");
        assertThat(approval.at("/overrides/0/builds/0").asText()).isEqualTo("curl-7.61.1-34.el8.x86_64");
    }

    @Test
    void promote_onS3Proxy_writesThroughTheS3Api_andRacingPromotionsLeaveExactlyOneWinner() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket("rings");
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
            try (S3ReportStore store = ReportStores.s3("rings", s3.endpoint().toString(), "us-east-2", Map.of())) {
                seed(store, "i-01", T0);
                clock.advance(Duration.ofDays(8));
                assertThat(execute(env, "--from", "staging", "--to", "prod", "--report-bucket", "rings")).as(err.toString()).isZero();
                assertThat(store.list(ReportKeys.ringApprovalPrefix("prod"))).hasSize(1);

                // six promotions of a newly soaked build race for version 2: S3's If-None-Match: * lets one create it
                seed(store, "i-02", T0.plus(Duration.ofHours(1)));
                io.patchctl.core.store.ReportStore extra = store;
                extra.put(ReportKeys.ringSuccess("staging", "i-03", T0, "run-i-03"), Json.bytes(new RingSuccess(
                        RingSuccess.SCHEMA, "staging", "i-03", "run-i-03", T0, "fp-2", null,
                        List.of(new RingPackage("zlib", "x86_64", "1.2.11-26.el8", "RHSA-2026:1004", Severity.LOW, List.of())))));
                ExecutorService pool = Executors.newFixedThreadPool(6);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<PromotionResult>> futures = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        return new Promotion(store, clock).promote(new PromotionRequest("staging", "prod", 7, List.of(), false, "ops", null));
                    }));
                }
                go.countDown();
                List<PromotionResult> results = new ArrayList<>();
                for (Future<PromotionResult> f : futures) {
                    results.add(f.get());
                }
                pool.shutdownNow();
                assertThat(results).filteredOn(PromotionResult.Written.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(PromotionResult.UpToDate.class::isInstance).hasSize(5);
                assertThat(store.list(ReportKeys.ringApprovalPrefix("prod"))).hasSize(2);
            }
        }
    }
}
