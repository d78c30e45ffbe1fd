package io.patchctl.core.report;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one agent run did, schema {@value #SCHEMA}; printed on stdout and stored under
 * {@code bedrock-patch-runs/{env}/{instance-id}/} (see ReportKeys). Read by insights and simulate.
 *
 * @param approved       package names PolicyGuard let through to dnf
 * @param held           discovered packages not updated this run, each with its reason
 * @param rejected       advisor proposals refused, each with its reason
 * @param rebootNeeded   from {@code dnf needs-restarting -r}; null when unknown
 * @param dnfInvocations dnf processes this run started
 * @param error          why the run FAILED, or null
 * @param distro         the host's distribution from its os-release ({@link Distro#UNKNOWN} when unreadable)
 * @param packageDb      the package database's health, checked before planning (null in old reports)
 * @param spool          spooled reports of earlier runs this run delivered first (null in old reports)
 * @param rejectedTotal  how many proposals were rejected; {@code rejected} lists at most {@value #MAX_REJECTED_LISTED}
 * @param notes          what the operator should know that is not an error: newer releases exist whose
 *                       advisories a locked Amazon Linux 2023 repository does not offer, a reused plan that
 *                       holds allowed updates, ...
 */
public record RunReport(
        String schema,
        String runId,
        Instant timestamp,
        String environment,
        String instanceId,
        String hostname,
        String installroot,
        RunMode mode,
        RunStatus status,
        int exitCode,
        List<SecurityUpdate> discovered,
        AdvisorSection advisor,
        PatchPlan plan,
        List<String> approved,
        List<HeldPackage> held,
        List<Rejection> rejected,
        TransactionTest transactionTest,
        ApplyResult apply,
        Verification verification,
        Boolean rebootNeeded,
        int dnfInvocations,
        long durationMillis,
        String error,
        Distro distro,
        io.patchctl.core.host.PackageDbHealth packageDb,
        SpoolDelivery spool,
        int rejectedTotal,
        List<String> notes) {

    public static final String SCHEMA = "patchctl.run-report/v1";
    /** A reply of 10,000 bogus names made a 1 MB report: the count is kept, the list is cut. */
    public static final int MAX_REJECTED_LISTED = 50;

    public RunReport {
        schema = schema == null ? SCHEMA : schema;
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
        discovered = discovered == null ? List.of() : List.copyOf(discovered);
        approved = approved == null ? List.of() : List.copyOf(approved);
        held = held == null ? List.of() : List.copyOf(held);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        rejectedTotal = Math.max(rejectedTotal, rejected.size());
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (plan != null && (plan.install().size() > MAX_REJECTED_LISTED || plan.hold().size() > MAX_REJECTED_LISTED)) {
            // the advisor's raw plan is bounded like the rejected list: approved/held carry what was decided
            plan = new PatchPlan(plan.install().subList(0, Math.min(MAX_REJECTED_LISTED, plan.install().size())),
                    plan.hold().subList(0, Math.min(MAX_REJECTED_LISTED, plan.hold().size())), plan.risk(), plan.reasoning());
        }
        if (rejected.size() > MAX_REJECTED_LISTED) {
            rejected = rejected.subList(0, MAX_REJECTED_LISTED);
        }
        transactionTest = transactionTest == null ? TransactionTest.notRun() : transactionTest;
        apply = apply == null ? ApplyResult.notRun() : apply;
        verification = verification == null ? Verification.notRun() : verification;
        distro = distro == null ? Distro.UNKNOWN : distro;
    }

    /** A report without distro, package-database, spool and notes sections (tests, older callers). */
    public RunReport(String schema, String runId, Instant timestamp, String environment, String instanceId,
                     String hostname, String installroot, RunMode mode, RunStatus status, int exitCode,
                     List<SecurityUpdate> discovered, AdvisorSection advisor, PatchPlan plan, List<String> approved,
                     List<HeldPackage> held, List<Rejection> rejected, TransactionTest transactionTest, ApplyResult apply,
                     Verification verification, Boolean rebootNeeded, int dnfInvocations, long durationMillis,
                     String error) {
        this(schema, runId, timestamp, environment, instanceId, hostname, installroot, mode, status, exitCode,
                discovered, advisor, plan, approved, held, rejected, transactionTest, apply, verification, rebootNeeded,
                dnfInvocations, durationMillis, error, Distro.UNKNOWN, null, null, rejected == null ? 0 : rejected.size(),
                List.of());
    }

    /** The first 8 characters of the run id, used to keep report keys of one second apart. */
    public String runIdPrefix() {
        return runId.length() > 8 ? runId.substring(0, 8) : runId;
    }
}
