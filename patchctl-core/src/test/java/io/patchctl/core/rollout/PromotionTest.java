package io.patchctl.core.rollout;

import static io.patchctl.core.rollout.RingFixtures.CURL;
import static io.patchctl.core.rollout.RingFixtures.OPENSSL_12;
import static io.patchctl.core.rollout.RingFixtures.ZLIB;
import static io.patchctl.core.rollout.RingFixtures.record;
import static io.patchctl.core.rollout.RingFixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.store.ReportKeys;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Promotion's decisions on an in-memory store with a clock the test moves. */
class PromotionTest {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    final InMemoryReportStore store = new InMemoryReportStore();
    final MutableClock clock = new MutableClock(T0);
    final Promotion promotion = new Promotion(store, clock);

    static PromotionRequest stagingToProd(int soakDays) {
        return new PromotionRequest("staging", "prod", soakDays, List.of(), false, "ops", null);
    }

    @Test
    void promote_fromRingWithoutSuccessfulRun_failsNamingTheRingAndWritesNothing() {
        assertThatThrownBy(() -> promotion.promote(stagingToProd(7)))
                .isInstanceOf(NoSuccessfulRunException.class)
                .hasMessageContaining("ring staging has no successful run recorded")
                .hasMessageContaining("bedrock-patch-rings/staging/successes/");
        assertThat(store.objects()).isEmpty();
    }

    @Test
    void promote_beforeSoak_writesNothingAndSaysWhenTheFirstBuildSoaks() {
        record(store, success("staging", "i-01", T0, OPENSSL_12));
        clock.advance(Duration.ofDays(3));

        PromotionResult result = promotion.promote(stagingToProd(7));

        assertThat(result).isEqualTo(new PromotionResult.NotSoaked(T0.plus(Duration.ofDays(7)), 1));
        assertThat(store.list(ReportKeys.ringApprovalPrefix("prod"))).isEmpty();
    }

    @Test
    void promote_afterSoak_approvesOnlySoakedBuilds_withProofAndFrozenPlan() {
        record(store, success("staging", "i-01", T0, OPENSSL_12, CURL));
        record(store, success("staging", "i-02", T0.plus(Duration.ofHours(1)), OPENSSL_12));
        record(store, success("staging", "i-03", T0.plus(Duration.ofDays(5)), ZLIB)); // not soaked at T0+7d+1h
        clock.advance(Duration.ofDays(7).plusHours(1));

        PromotionResult.Written w = (PromotionResult.Written) promotion.promote(stagingToProd(7));

        RingApproval a = w.approval();
        assertThat(w.key()).isEqualTo("bedrock-patch-rings/prod/approvals/00000001.json");
        assertThat(a.version()).isEqualTo(1);
        assertThat(a.from()).isEqualTo("staging");
        assertThat(a.packages()).extracting(p -> p.pkg().build())
                .containsExactlyInAnyOrder("openssl-libs-1:1.1.1k-12.el8.x86_64", "curl-7.61.1-34.el8.x86_64");
        RingApproval.Approved openssl = a.packages().stream().filter(p -> p.pkg().name().equals("openssl-libs")).findFirst().orElseThrow();
        assertThat(openssl.provenAt()).isEqualTo(T0); // the earliest proof
        assertThat(openssl.provenOn()).startsWith("i-01/");
        assertThat(openssl.via()).isEqualTo("soak");
        assertThat(a.plans()).containsOnlyKeys("fp-i-01", "fp-i-02");
        assertThat(a.overrides()).isEmpty();
        assertThat(store.get(w.key()).map(b -> new String(b, StandardCharsets.UTF_8)).orElseThrow())
                .contains("\"schema\" : \"patchctl.ring-approval/v1\"");
    }

    @Test
    void promote_whoseCreateLandedButWasAnsweredAsTaken_isWrittenNotUpToDate() {
        // an SDK retry of a conditional create whose first attempt reached S3: the retry gets 412 for our own object
        io.patchctl.core.store.ReportStore lostAnswer = new io.patchctl.testkit.FaultyStore(store).loseCreateResponses();
        record(store, success("staging", "i-01", T0, OPENSSL_12));
        clock.advance(Duration.ofDays(8));

        PromotionResult result = new Promotion(lostAnswer, clock).promote(stagingToProd(7));

        assertThat(result).isInstanceOf(PromotionResult.Written.class);
        assertThat(((PromotionResult.Written) result).approval().version()).isEqualTo(1);
        assertThat(store.list(ReportKeys.ringApprovalPrefix("prod"))).containsExactly("bedrock-patch-rings/prod/approvals/00000001.json");
    }

    @Test
    void promote_again_withNothingNew_isUpToDate_thenANewlySoakedBuildMakesVersionTwoWithEverything() {
        record(store, success("staging", "i-01", T0, OPENSSL_12));
        record(store, success("staging", "i-03", T0.plus(Duration.ofDays(5)), ZLIB));
        clock.advance(Duration.ofDays(7));
        promotion.promote(stagingToProd(7));

        assertThat(promotion.promote(stagingToProd(7))).isInstanceOf(PromotionResult.UpToDate.class);
        clock.advance(Duration.ofDays(5));
        PromotionResult.Written v2 = (PromotionResult.Written) promotion.promote(stagingToProd(7));

        assertThat(v2.approval().version()).isEqualTo(2);
        assertThat(v2.added()).isEqualTo(1);
        assertThat(v2.approval().packages()).extracting(p -> p.pkg().name()).containsExactly("openssl-libs", "zlib");
        assertThat(store.list(ReportKeys.ringApprovalPrefix("prod"))).hasSize(2);
    }

    @Test
    void promote_urgentCve_approvesOnlyThatCveBeforeTheSoak_andRecordsWhoWhyWhich() {
        record(store, success("staging", "i-01", T0, OPENSSL_12, CURL));
        clock.advance(Duration.ofHours(2));

        PromotionResult.Written w = (PromotionResult.Written) promotion.promote(new PromotionRequest("staging", "prod", 7,
                List.of("CVE-2026-0003"), false, "alice", "curl RCE exploited in the wild"));

        assertThat(w.approval().packages()).extracting(p -> p.pkg().build() + " " + p.via())
                .containsExactly("curl-7.61.1-34.el8.x86_64 urgent");
        assertThat(w.approval().overrides()).singleElement().satisfies(o -> {
            assertThat(o.by()).isEqualTo("alice");
            assertThat(o.reason()).isEqualTo("curl RCE exploited in the wild");
            assertThat(o.cves()).containsExactly("CVE-2026-0003");
            assertThat(o.builds()).containsExactly("curl-7.61.1-34.el8.x86_64");
            assertThat(o.at()).isEqualTo(T0.plus(Duration.ofHours(2)));
        });
        assertThat(w.approval().plans()).isEmpty(); // the host's plan also installed openssl, which is not approved
    }

    @Test
    void promote_urgentCritical_approvesCriticalOnly() {
        record(store, success("staging", "i-01", T0, OPENSSL_12, CURL));

        PromotionResult.Written w = (PromotionResult.Written) promotion.promote(new PromotionRequest("staging", "prod", 7,
                List.of(), true, "bob", "critical curl"));

        assertThat(w.approval().packages()).extracting(p -> p.pkg().name()).containsExactly("curl");
        assertThat(w.approval().overrides()).singleElement().satisfies(o -> assertThat(o.critical()).isTrue());
    }

    @Test
    void urgentOverride_withoutReason_orWithABadCveId_isRefused() {
        assertThatThrownBy(() -> new PromotionRequest("staging", "prod", 7, List.of("CVE-2026-0003"), false, "a", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");
        assertThatThrownBy(() -> new PromotionRequest("staging", "prod", 7, List.of("CVE-26-1"), false, "a", "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CVE id").hasMessageContaining("CVE-26-1");
        assertThatThrownBy(() -> new PromotionRequest("prod", "prod", 7, List.of(), false, "a", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same ring");
        assertThatThrownBy(() -> new PromotionRequest("staging", "../prod", 7, List.of(), false, "a", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a safe report key segment");
        assertThatThrownBy(() -> new PromotionRequest("staging", "prod", -1, List.of(), false, "a", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soak days");
    }

    @Test
    void promote_intoARingPromotedFromAnotherRing_isRefused() {
        record(store, success("dev", "i-01", T0, OPENSSL_12));
        record(store, success("staging", "i-02", T0, OPENSSL_12));
        clock.advance(Duration.ofDays(8));
        promotion.promote(new PromotionRequest("dev", "prod", 7, List.of(), false, "ops", null));

        assertThatThrownBy(() -> promotion.promote(stagingToProd(7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ring prod is promoted from ring dev");
    }

    @Test
    void promote_skipsAnUnreadableSuccessObject() {
        store.put(ReportKeys.ringSuccessPrefix("staging") + "i-09/garbage.json", "{not json".getBytes(StandardCharsets.UTF_8));
        record(store, success("staging", "i-01", T0, CURL));
        clock.advance(Duration.ofDays(8));

        PromotionResult.Written w = (PromotionResult.Written) promotion.promote(stagingToProd(7));

        assertThat(w.approval().packages()).extracting(p -> p.pkg().name()).containsExactly("curl");
    }
}
