package io.patchctl.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.TransactionOutcome;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.quarantine.QuarantineSection;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.store.ReportStore;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-update circuit breaker in the workflow, hosts sharing one in-memory store; real dnf: QuarantineLabTest. */
class AgentWorkflowQuarantineTest {

    static final String BROKEN = "tzdata-broken";
    /** What dnf 4.14 prints when the lab's %pre fails (see the lab capture, dnf-errors/scriptlet-failure.txt). */
    static final String SCRIPTLET_OUTPUT = """
            error: %prein(tzdata-broken-2026a-1.el8.noarch) scriptlet failed, exit status 1
            Error in PREIN scriptlet in rpm package tzdata-broken
            Failed:
              tzdata-broken-2026a-1.el8.noarch

            Error: Transaction failed""";

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final InMemoryReportStore store = new InMemoryReportStore();

    /** A host whose upgrade installs everything but the package named to fail, which fails with {@code failure}. */
    static final class Host implements PackageManager {
        final List<SecurityUpdate> pending = new ArrayList<>();
        final List<List<String>> upgrades = new ArrayList<>();
        String failing;
        String failure = SCRIPTLET_OUTPUT;

        Host add(String name, String evr) {
            pending.add(new SecurityUpdate("RHSA-2026:" + (1000 + pending.size()), Severity.IMPORTANT, List.of(), name,
                    "noarch", "0-1.el8", evr));
            return this;
        }

        Host failing(String name) {
            this.failing = name;
            return this;
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
        public TransactionOutcome testUpgrade(List<String> names) {
            return new TransactionOutcome(true, 0, List.of(), null, "Transaction test succeeded.");
        }

        @Override
        public TransactionOutcome upgrade(List<String> names) {
            upgrades.add(List.copyOf(names));
            List<String> installed = names.stream().filter(n -> !n.equals(failing)).toList();
            pending.removeIf(u -> installed.contains(u.name()));
            if (failing != null && names.contains(failing)) {
                // partly applied, as rpm does when one %pre fails: the others are upgraded
                return new TransactionOutcome(false, 1, installed, "dnf upgrade failed with exit code 1: Error: Transaction failed",
                        failure);
            }
            return new TransactionOutcome(true, 0, installed, null, "Complete!");
        }

        @Override
        public Optional<Boolean> rebootNeeded() {
            return Optional.of(false);
        }

        @Override
        public int invocations() {
            return 0;
        }
    }

    static Host fleetHost() {
        return new Host().add("openssl-libs", "1:1.1.1k-2.el8").add("curl", "7.61.1-2.el8").add(BROKEN, "2026a-1.el8")
                .failing(BROKEN);
    }

    private RunReport run(Host host, String instance, PatchPolicy policy, ReportStore quarantine) {
        return AgentWorkflow.builder().packageManager(host).store(store).quarantineStore(quarantine).clock(clock).build()
                .run(new RunRequest("prod", instance, instance, "/", RunMode.PATCH, policy)).report();
    }

    private RunReport run(Host host, String instance) {
        return run(host, instance, PatchPolicy.defaults(), store);
    }

    @Test
    void run_firstHostFails_laterHostHoldsThePackageInstallsTheRestAndIsNonCompliant() {
        RunReport first = run(fleetHost(), "i-0aaa");

        assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        assertThat(first.quarantine().recorded()).singleElement().satisfies(r -> {
            assertThat(r.packageName()).isEqualTo(BROKEN);
            assertThat(r.evr()).isEqualTo("2026a-1.el8");
            assertThat(r.failureClass()).isEqualTo("SCRIPTLET");
            assertThat(r.outcome()).isEqualTo("CREATED");
        });

        Host second = fleetHost();
        RunReport later = run(second, "i-0bbb");

        assertThat(later.status()).isEqualTo(RunStatus.NON_COMPLIANT);
        assertThat(later.exitCode()).isEqualTo(ExitCode.of(RunStatus.NON_COMPLIANT).code()).isEqualTo(3);
        assertThat(second.upgrades).containsExactly(List.of("curl", "openssl-libs"));
        assertThat(later.approved()).doesNotContain(BROKEN);
        assertThat(later.held()).filteredOn(h -> h.packageName().equals(BROKEN)).singleElement()
                .extracting(HeldPackage::reason).asString()
                .startsWith("quarantined: tzdata-broken-2026a-1.el8 failed on i-0aaa: scriptlet");
        assertThat(later.verification().remainingAllowed()).containsExactly(BROKEN);
        assertThat(later.quarantine().state()).isEqualTo(QuarantineSection.State.ON);
        assertThat(later.quarantine().held()).singleElement().satisfies(e -> assertThat(e.failedOn()).containsExactly("i-0aaa"));
        assertThat(later.notes()).anyMatch(n -> n.contains("circuit breaker held tzdata-broken"));
        assertThat(later.error()).isNull();
    }

    @Test
    void run_newerEvrThanTheQuarantined_isNotHeld() {
        run(fleetHost(), "i-0aaa");
        Host fixed = new Host().add("openssl-libs", "1:1.1.1k-2.el8").add(BROKEN, "2026b-1.el8");

        RunReport report = run(fixed, "i-0ccc");

        assertThat(report.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(fixed.upgrades).containsExactly(List.of("openssl-libs", BROKEN));
        assertThat(report.quarantine().held()).isEmpty();
        assertThat(report.quarantine().notHeld()).singleElement().asString()
                .contains("tzdata-broken-2026b-1.el8 is newer than the quarantined 2026a-1.el8");
    }

    @Test
    void run_afterTheLease_ignoresTheQuarantineAndListsItExpired() {
        run(fleetHost(), "i-0aaa");
        clock.advance(PatchPolicy.DEFAULT_QUARANTINE_TTL.plus(Duration.ofMinutes(1)));
        Host next = new Host().add("openssl-libs", "1:1.1.1k-2.el8").add(BROKEN, "2026a-1.el8");

        RunReport report = run(next, "i-0ddd");

        assertThat(next.upgrades).containsExactly(List.of("openssl-libs", BROKEN));
        assertThat(report.quarantine().held()).isEmpty();
        assertThat(report.quarantine().expired()).singleElement()
                .satisfies(e -> assertThat(e.record().packageName()).isEqualTo(BROKEN));
    }

    @Test
    void run_quarantineStoreDown_goesOnWithoutItAndSaysSo() {
        run(fleetHost(), "i-0aaa");
        InMemoryReportStore down = new InMemoryReportStore();
        down.setDown(true);
        Host next = new Host().add("openssl-libs", "1:1.1.1k-2.el8");

        RunReport report = run(next, "i-0eee", PatchPolicy.defaults(), down);

        assertThat(report.status()).isEqualTo(RunStatus.COMPLIANT);
        assertThat(report.quarantine().state()).isEqualTo(QuarantineSection.State.UNAVAILABLE);
        assertThat(report.notes()).anyMatch(n -> n.startsWith("circuit breaker unavailable, the run went on without the quarantine"));
    }

    @Test
    void run_breakerOffByPolicy_neitherHoldsNorRecords() {
        PatchPolicy off = PatchPolicy.builder().circuitBreaker(false).build();
        RunReport first = run(fleetHost(), "i-0aaa", off, store);
        Host second = fleetHost();

        RunReport later = run(second, "i-0bbb", off, store);

        assertThat(first.quarantine().state()).isEqualTo(QuarantineSection.State.OFF);
        assertThat(first.quarantine().recorded()).isEmpty();
        assertThat(later.status()).isEqualTo(RunStatus.FAILED);
        assertThat(second.upgrades).containsExactly(List.of("curl", "openssl-libs", BROKEN));
        assertThat(store.objects().keySet()).noneMatch(k -> k.startsWith("bedrock-patch-quarantine/"));
    }

    @Test
    void run_hostProblemLikeAFullDisk_quarantinesNothing() {
        Host host = fleetHost();
        host.failure = "Error: Transaction test error:\n  installing package tzdata-broken-2026a-1.el8.noarch needs 7MB more"
                + " space on the / filesystem";

        RunReport report = run(host, "i-0aaa");

        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.quarantine().recorded()).isEmpty();
        assertThat(store.objects().keySet()).noneMatch(k -> k.startsWith("bedrock-patch-quarantine/"));
    }
}
