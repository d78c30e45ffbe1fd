package io.patchctl.cli.fleetreport;

import static io.patchctl.testkit.StoredRuns.run;
import io.patchctl.testkit.StoredRuns;
import static io.patchctl.testkit.StoredRuns.update;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.store.ReportStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet's three patch cycles, two weeks apart, stored as the agent stores them (real RunReport
 * records under their real keys). What happens is fixed so that the SLA figures can be worked out by hand:
 * <ul>
 *   <li>Critical CVE-2026-1001 (openssl-libs, advisory 2026-09-24): cycle 1 installs it on all hosts but
 *       every fifth, whose transaction fails; cycle 2 fixes half of those, cycle 3 the rest.</li>
 *   <li>Important CVE-2026-2002 (kernel-core, 2026-09-28): held by policy (kernel) in every cycle.</li>
 *   <li>Moderate CVE-2026-3003 (curl, 2026-10-09): appears in cycle 2 and is installed at once where the run works.</li>
 * </ul>
 */
public final class ThreeCycleHistory {

    public static final String ENV = "prod";
    public static final Instant[] CYCLES = {Instant.parse("2026-10-01T02:00:00Z"), Instant.parse("2026-10-15T02:00:00Z"),
        Instant.parse("2026-10-29T02:00:00Z")};
    /** The report's "now": a week after the third cycle. */
    public static final Instant NOW = Instant.parse("2026-11-05T00:00:00Z");

    static final SecurityUpdate OPENSSL = update("RHSA-2026:1001", Severity.CRITICAL, "CVE-2026-1001", "openssl-libs",
            LocalDate.parse("2026-09-24"));
    static final SecurityUpdate KERNEL = update("RHSA-2026:2002", Severity.IMPORTANT, "CVE-2026-2002", "kernel-core",
            LocalDate.parse("2026-09-28"));
    static final SecurityUpdate CURL = update("RHSA-2026:3003", Severity.MODERATE, "CVE-2026-3003", "curl",
            LocalDate.parse("2026-10-09"));
    static final HeldPackage KERNEL_HOLD = new HeldPackage("kernel-core", "matches hold_packages kernel* (needs a reboot)");
    static final String FAILURE = "Error: Transaction test error:\n  installing package openssl-libs needs 171MB on the / filesystem";

    private ThreeCycleHistory() {
    }

    /** Stores the history of {@code hosts} hosts (i-00 … ); each host's runs are 20 s apart within a cycle. */
    public static void store(ReportStore target, int hosts) {
        for (int h = 0; h < hosts; h++) {
            String id = String.format("i-%017x", h);
            boolean failsFirst = h % 5 == 0;
            boolean failsTwice = h % 10 == 0;
            boolean opensslOpen = true;
            boolean curlOpen = false;
            for (int c = 0; c < CYCLES.length; c++) {
                Instant at = CYCLES[c].plusSeconds(20L * h);
                List<SecurityUpdate> pending = new ArrayList<>();
                if (opensslOpen) {
                    pending.add(OPENSSL);
                }
                pending.add(KERNEL);
                if (c >= 1 && (c == 1 || curlOpen)) {
                    pending.add(CURL);
                }
                boolean fails = (c == 0 && failsFirst) || (c == 1 && failsTwice);
                List<String> install = fails ? List.of() : pending.stream().map(SecurityUpdate::name)
                        .filter(n -> !n.equals("kernel-core")).toList();
                StoredRuns.store(target, run(ENV, id, at, pending, install, List.of(KERNEL_HOLD), fails ? FAILURE : null));
                if (!fails) {
                    opensslOpen = false;
                }
                curlOpen = c >= 1 && fails;
            }
        }
    }
}
