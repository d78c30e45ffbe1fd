package io.patchctl.core.rollout;

import static io.patchctl.core.rollout.RingFixtures.CURL;
import static io.patchctl.core.rollout.RingFixtures.OPENSSL_12;
import static io.patchctl.core.rollout.RingFixtures.OPENSSL_13;
import static io.patchctl.core.rollout.RingFixtures.ZLIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.TransactionOutcome;
import io.patchctl.core.plan.ModelAdvisor;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.plan.StorePlanCache;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.run.AgentWorkflow;
import io.patchctl.core.run.RunRequest;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.testkit.MutableClock;
import io.patchctl.testkit.StubModelClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A ring through the workflow with a fake package manager: what is planned, pinned, held, recorded, and asked of the model. */
class RingWorkflowTest {

    static final String PLAN_JSON = "{\"install\":[\"openssl-libs\",\"curl\"],\"hold\":[],\"risk\":\"LOW\",\"reasoning\":\"dev plan\"}";

    final InMemoryReportStore store = new InMemoryReportStore();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T10:00:00Z"));

    /** Installs the builds it is asked for (a name: its newest pending build), like dnf. */
    static final class FakeDnf implements PackageManager {
        final List<SecurityUpdate> pending;
        final List<List<String>> upgrades = new ArrayList<>();

        FakeDnf(SecurityUpdate... pending) {
            this.pending = new ArrayList<>(List.of(pending));
        }

        @Override
        public List<SecurityUpdate> discoverSecurityUpdates() {
            return List.copyOf(pending);
        }

        @Override
        public Set<String> pendingSecurityPackages() {
            Set<String> names = new LinkedHashSet<>();
            pending.forEach(u -> names.add(u.name()));
            return names;
        }

        @Override
        public Set<String> pendingAmong(List<SecurityUpdate> updates) {
            Set<String> names = new LinkedHashSet<>();
            updates.stream().filter(pending::contains).forEach(u -> names.add(u.name()));
            return names;
        }

        @Override
        public TransactionOutcome testUpgrade(List<String> specs) {
            return new TransactionOutcome(true, 0, List.of(), null, "ok");
        }

        @Override
        public TransactionOutcome upgrade(List<String> specs) {
            upgrades.add(specs);
            List<String> installed = new ArrayList<>();
            for (String spec : specs) {
                Optional<SecurityUpdate> build = pending.stream().filter(u -> u.availableNevra().equals(spec)).findFirst()
                        .or(() -> pending.stream().filter(u -> u.name().equals(spec)).reduce((a, b) -> b));
                build.ifPresent(b -> {
                    installed.add(b.availableNevra());
                    // the build and every older one of that package are no longer pending
                    pending.removeIf(u -> u.name().equals(b.name())
                            && io.patchctl.core.advisory.RpmVersion.compareEvr(u.availableEvr(), b.availableEvr()) <= 0);
                });
            }
            return new TransactionOutcome(true, 0, installed, null, "Complete!");
        }

        @Override
        public Optional<Boolean> rebootNeeded() {
            return Optional.of(false);
        }

        @Override
        public int invocations() {
            return upgrades.size();
        }
    }

    private RunReport run(String ring, RingGate gate, FakeDnf dnf, StubModelClient model, String instance) {
        StorePlanCache cache = StorePlanCache.builder().store(store).env(ring).owner(instance).clock(clock).build();
        var advisor = new FrozenPlanAdvisor(new ModelAdvisor(model, cache, new RulesAdvisor()), gate);
        return AgentWorkflow.builder().packageManager(dnf).advisor(advisor).store(store).clock(clock).ring(gate)
                .hook(new RingRecorder(store, ring, gate, PatchPolicy.defaults())).build()
                .run(new RunRequest(ring, instance, instance, "/", RunMode.PATCH, PatchPolicy.defaults())).report();
    }

    @Test
    void firstRingRecords_promotedRingInstallsExactlyTheProvenBuilds_holdsTheRest_andReusesThePlanUnasked() {
        StubModelClient devModel = StubModelClient.replying(PLAN_JSON);
        for (int i = 0; i < 3; i++) {
            RunReport dev = run("dev", RingGate.first("dev"), new FakeDnf(OPENSSL_12, CURL), devModel, "i-0dev" + i);
            assertThat(dev.status()).isEqualTo(RunStatus.COMPLIANT);
            assertThat(dev.ring()).as("the first ring is open, but its reports name it").isEqualTo("dev");
        }
        assertThat(devModel.calls()).isEqualTo(1); // the plan cache shares the dev plan
        assertThat(store.list(ReportKeys.ringSuccessPrefix("dev"))).hasSize(3);

        clock.advance(Duration.ofDays(3));
        PromotionResult promoted = new Promotion(store, clock).promote(new PromotionRequest("dev", "staging", 2, List.of(),
                false, "ops", null));
        assertThat(promoted).isInstanceOf(PromotionResult.Written.class);

        // staging's repository also offers a newer openssl nobody proved, and a zlib dev never had
        StubModelClient stagingModel = StubModelClient.replying(PLAN_JSON);
        FakeDnf stagingDnf = new FakeDnf(OPENSSL_12, OPENSSL_13, CURL, ZLIB);
        RingGate gate = RingGate.gated("staging", "dev", new RingRecords(store).latestApproval("staging"));
        RunReport staging = run("staging", gate, stagingDnf, stagingModel, "i-0stg0");

        assertThat(staging.ring()).isEqualTo("staging");
        assertThat(run("none", RingGate.open(), new FakeDnf(OPENSSL_12), devModel, "i-0none").ring()).as("no ring").isNull();
        assertThat(stagingModel.calls()).isZero();
        assertThat(staging.advisor().kind()).isEqualTo(FrozenPlanAdvisor.KIND);
        assertThat(staging.plan().reasoning()).isEqualTo("dev plan");
        // most severe first (PolicyGuard), each at its proven EVR
        assertThat(stagingDnf.upgrades).containsExactly(List.of("curl-7.61.1-34.el8.x86_64", "openssl-libs-1:1.1.1k-12.el8.x86_64"));
        assertThat(stagingDnf.pending).containsExactlyInAnyOrder(OPENSSL_13, ZLIB);
        assertThat(staging.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(staging.held()).anySatisfy(h -> {
            assertThat(h.packageName()).isEqualTo("zlib");
            assertThat(h.reason()).isEqualTo("ring staging: ring dev has not proven any build of zlib (approval v1)");
        });
        assertThat(staging.notes()).anyMatch(n -> n.contains("openssl-libs-1:1.1.1k-13.el8.x86_64 (RHSA-2026:1101) held")
                && n.contains("installing at most openssl-libs-1:1.1.1k-12.el8.x86_64"));
        assertThat(staging.verification().remainingHeld()).contains("zlib");
        // staging records its own successes, at the pinned builds, for the promotion to prod
        RingSuccess recorded = new RingRecords(store).successes("staging").get(0);
        assertThat(recorded.packages()).extracting(RingPackage::build)
                .containsExactly("openssl-libs-1:1.1.1k-12.el8.x86_64", "curl-7.61.1-34.el8.x86_64");
    }

    @Test
    void gatedRingWithoutAnyApproval_installsNothing_andSaysWhy() {
        FakeDnf dnf = new FakeDnf(OPENSSL_12, CURL);
        StubModelClient model = StubModelClient.replying(PLAN_JSON);

        RunReport prod = run("prod", RingGate.gated("prod", "staging", Optional.empty()), dnf, model, "i-0prd0");

        assertThat(dnf.upgrades).isEmpty();
        assertThat(model.calls()).isZero();
        assertThat(prod.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(prod.held()).extracting(h -> h.reason()).containsOnly("ring prod: nothing promoted from ring staging yet");
        assertThat(store.list(ReportKeys.ringSuccessPrefix("prod"))).isEmpty();
    }

    @Test
    void gate_refusesAnApprovalPromotedFromAnotherRing() {
        RingApproval fromDev = new RingApproval(RingApproval.SCHEMA, "prod", "dev", 1, clock.instant(), "ops", 7, List.of(),
                null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RingGate.gated("prod", "staging", Optional.of(fromDev)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects approvals from ring staging, but approval v1 was promoted from ring dev");
    }
}
