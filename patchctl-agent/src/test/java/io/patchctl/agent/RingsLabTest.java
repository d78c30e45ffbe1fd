package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.core.rollout.Promotion;
import io.patchctl.core.rollout.PromotionRequest;
import io.patchctl.core.rollout.PromotionResult;
import io.patchctl.core.rollout.RingRecords;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabAdvisory;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.LabRpm;
import io.patchctl.lab.LabSpec;
import io.patchctl.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three rings end to end through {@code patchctl run}, real dnf and a Bedrock stand-in: dev installs
 * what its repository offers (and records it), a promotion after the soak approves it for staging,
 * staging installs exactly those builds although its repository by then offers a newer openssl-libs,
 * and prod, promoted from staging, does the same. The model is asked once, by dev. The store is a
 * directory, then an S3Proxy bucket.
 */
class RingsLabTest {

    private static final String BUCKET = "rings-rhel8-patch-logs-123456789012";
    private static final String OPENSSL_12 = "1:1.1.1k-12.el8.x86_64";
    private static final String OPENSSL_13 = "1:1.1.1k-13.el8.x86_64";
    private static final String PLAN = "{\"install\":[\"openssl-libs\",\"curl\",\"zlib\"],\"hold\":[],\"risk\":\"LOW\","
            + "\"reasoning\":\"ring plan from dev\"}";

    /** What dev's repository offers. */
    static Lab first;
    /** The same a week later: a newer openssl-libs (RHSA-2026:1101) has been published. */
    static Lab later;
    static BedrockLabFixture aws;

    @TempDir
    Path tmp;

    private static LabSpec.Builder base() {
        return LabSpec.builder()
                .securityUpdate("openssl-libs", "x86_64", "1:1.1.1k-9.el8", "1:1.1.1k-12.el8", "RHSA-2026:1001",
                        "Important", "CVE-2026-0001")
                .securityUpdate("curl", "x86_64", "7.61.1-33.el8", "7.61.1-34.el8", "RHSA-2026:1002", "Critical",
                        "CVE-2026-0003")
                .securityUpdate("zlib", "x86_64", "1.2.11-25.el8", "1.2.11-26.el8", "RHSA-2026:1004", "Low",
                        "CVE-2026-0004")
                .stable("filesystem", "x86_64", "3.8-6.el8");
    }

    @BeforeAll
    static void start() {
        first = Lab.build(base().build());
        LabRpm newer = LabRpm.of("openssl-libs", "1:1.1.1k-13.el8", "x86_64");
        later = Lab.build(base().update(newer)
                .advisory(LabAdvisory.security("RHSA-2026:1101", "Important", List.of("CVE-2026-0101"), newer)).build());
        aws = new BedrockLabFixture();
        aws.s3.createBucket(BUCKET);
        aws.answerText(PLAN);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @ParameterizedTest(name = "store: {0}")
    @ValueSource(strings = {"dir", "s3"})
    void threeRings_promotedAfterSoak_laterRingsInstallOnlyTheProvenBuilds_oneModelCall(String kind) throws Exception {
        Path dir = tmp.resolve("reports");
        java.nio.file.Files.createDirectories(dir);
        String storeArg = kind.equals("dir") ? "--report-dir=" + dir : "--report-bucket=" + BUCKET;
        ReportStore store = kind.equals("dir") ? new DirectoryReportStore(dir) : s3();
        String prefix = kind + "-";
        int callsBefore = aws.bedrockCalls();
        int hostsPerRing = 3;

        List<JsonNode> dev = runRing(first, "dev", null, hostsPerRing, storeArg, prefix);
        assertThat(dev).allSatisfy(r -> {
            assertThat(r.at("/exit_code").asInt()).as(r.toString()).isZero();
            assertThat(r.at("/apply/installed").toString()).contains("openssl-libs-" + OPENSSL_12);
        });
        assertThat(aws.bedrockCalls() - callsBefore).isEqualTo(1); // dev's plan cache shares one plan
        assertThat(store.list(ReportKeys.ringSuccessPrefix("dev"))).hasSize(hostsPerRing);

        // the soak is measured from the successes' own timestamps: a clock 3 days ahead with soak 2 days
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(1)));
        Promotion promotion = new Promotion(store, clock);
        assertThat(promotion.promote(new PromotionRequest("dev", "staging", 2, List.of(), false, "ops", null)))
                .as("not soaked after 1 of 2 days").isInstanceOf(PromotionResult.NotSoaked.class);
        clock.advance(Duration.ofDays(2));
        PromotionResult.Written toStaging = (PromotionResult.Written) promotion.promote(
                new PromotionRequest("dev", "staging", 2, List.of(), false, "ops", null));
        assertThat(toStaging.approval().packages()).extracting(p -> p.pkg().build()).containsExactlyInAnyOrder(
                "openssl-libs-" + OPENSSL_12, "curl-7.61.1-34.el8.x86_64", "zlib-1.2.11-26.el8.x86_64");
        assertThat(toStaging.approval().plans()).hasSize(1);

        List<JsonNode> staging = runRing(later, "staging", "dev", hostsPerRing, storeArg, prefix);
        assertRingInstalledOnlyProven(staging, "dev");

        List<JsonNode> prodBeforePromotion = runRing(later, "prod", "staging", 1, storeArg, prefix + "early-");
        assertThat(prodBeforePromotion.get(0).at("/approved").size()).isZero();
        assertThat(prodBeforePromotion.get(0).at("/held/0/reason").asText()).isEqualTo("ring prod: nothing promoted from ring staging yet");

        clock.advance(Duration.ofDays(3));
        PromotionResult toProd = promotion.promote(new PromotionRequest("staging", "prod", 2, List.of(), false, "ops", null));
        assertThat(toProd).isInstanceOf(PromotionResult.Written.class);
        List<JsonNode> prod = runRing(later, "prod", "staging", hostsPerRing, storeArg, prefix);
        assertRingInstalledOnlyProven(prod, "staging");

        assertThat(aws.bedrockCalls() - callsBefore).as("staging and prod reuse dev's plan").isEqualTo(1);
        // the control: without the ring, the same repository gives dnf's newest build
        LabHost ungated = later.newHost(tmp.resolve(prefix + "ungated"), HostSpec.allBase());
        BedrockLabFixture.runAs(ungated, "i-0" + kind + "ungated", storeArg, "--no-compliance", "--advisor=rules");
        assertThat(ungated.installed().get("openssl-libs")).containsExactly(OPENSSL_13);
        assertThat(new RingRecords(store).latestApproval("prod").orElseThrow().packages()).extracting(p -> p.pkg().build())
                .doesNotContain("openssl-libs-" + OPENSSL_13);
        System.out.printf("three-ring run (%s): rings=3 hosts=%d (dev %d, staging %d, prod %d + 1 before promotion)"
                        + " packages per host=3 model calls=%d approvals: staging v%d, prod v%d%n", kind,
                dev.size() + staging.size() + prod.size() + 1, dev.size(), staging.size(), prod.size(),
                aws.bedrockCalls() - callsBefore, toStaging.approval().version(),
                ((PromotionResult.Written) toProd).approval().version());
    }

    private static void assertRingInstalledOnlyProven(List<JsonNode> reports, String from) {
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.at("/exit_code").asInt()).as(r.toString()).isZero();
            assertThat(r.at("/advisor/kind").asText()).isEqualTo("ring");
            assertThat(r.at("/plan/reasoning").asText()).isEqualTo("ring plan from dev");
            String installed = r.at("/apply/installed").toString();
            assertThat(installed).contains("openssl-libs-" + OPENSSL_12).doesNotContain(OPENSSL_13);
            assertThat(r.at("/notes").toString()).contains("openssl-libs-" + OPENSSL_13 + " (RHSA-2026:1101) held: not proven by ring " + from);
        });
    }

    /** Runs {@code count} fresh hosts of {@code lab} in ring {@code ring}, one after the other, and checks rpm on each. */
    private List<JsonNode> runRing(Lab lab, String ring, String from, int count, String storeArg, String prefix) {
        List<JsonNode> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LabHost host = lab.newHost(tmp.resolve(prefix + ring + i), HostSpec.allBase());
            List<String> args = new ArrayList<>(List.of(storeArg, "--no-compliance", "--ring=" + ring));
            if (from != null) {
                args.add("--approval-from=" + from);
            }
            LabRun run = BedrockLabFixture.runAs(host, String.format("i-0%s%s%d", prefix.replace("-", ""), ring, i),
                    args.toArray(new String[0]));
            reports.add(BedrockLabFixture.report(run));
            assertThat(reports.get(i).at("/ring").asText()).as("the RunReport names its ring").isEqualTo(ring);
            if (from != null && reports.get(i).at("/approved").size() > 0) {
                Map<String, List<String>> installed = host.installed();
                assertThat(installed.get("openssl-libs")).containsExactly(OPENSSL_12);
                assertThat(installed.get("curl")).containsExactly("7.61.1-34.el8.x86_64");
            }
        }
        return reports;
    }

    private static S3ReportStore s3() {
        return S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2",
                Map.of("AWS_ENDPOINT_URL_S3", aws.s3.endpoint().toString())), BUCKET);
    }
}
