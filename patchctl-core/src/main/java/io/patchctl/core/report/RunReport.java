package io.patchctl.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.campaign.CampaignReport;
import io.patchctl.core.host.Distro;
import io.patchctl.core.host.PackageDbHealth;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.Rejection;
import io.patchctl.core.plan.approval.ApprovalAgeSection;
import io.patchctl.core.plan.approval.ExceptionsSection;
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
 * @param exceptions     the policy's exceptions and where each stood on the run's date (null: the policy has none)
 * @param approvalAge    what approve_after_days held on the run's date (null: the policy sets no wait)
 * @param hooks          the operator hooks that ran, their redacted output, and the rollback they triggered;
 *                       absent from the JSON when the policy sets no hooks
 * @param fixVerification per advisory and per CVE: fixed, not fixed and why, not applicable (core/verify)
 * @param reboot          reboot-and-resume (policy {@code reboot: if-needed}, or a marker found); null otherwise
 * @param campaign       the CVE/advisory campaign this run was limited to and what each id came to
 *                       ({@code patchctl run --cve/--advisory}); null (and absent from the JSON) when the run
 *                       was not a campaign
 * @param quarantine     the per-update circuit breaker: packages it held, expired quarantines, what this run
 *                       quarantined (null in old reports)
 * @param ring           the rollout ring the run belonged to ({@code run --ring}); null (absent from the JSON) without one
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
        PackageDbHealth packageDb,
        SpoolDelivery spool,
        int rejectedTotal,
        List<String> notes,
        // left out when null (no such policy keys): reports of other policies keep the v1 bytes
        @JsonInclude(JsonInclude.Include.NON_NULL) ExceptionsSection exceptions,
        @JsonInclude(JsonInclude.Include.NON_NULL) ApprovalAgeSection approvalAge,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.patchctl.core.hooks.HooksReport hooks,
        io.patchctl.core.verify.FixReport fixVerification,
        io.patchctl.core.reboot.RebootSection reboot,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        CampaignReport campaign,
        // absent, not null, when no breaker ran (early exits, old reports): v1 reports keep their bytes
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.patchctl.core.quarantine.QuarantineSection quarantine,
        // the rollout ring (run --ring, simulate --rings); absent when the run had none: other reports keep their bytes
        @JsonInclude(JsonInclude.Include.NON_NULL) String ring) {

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
        fixVerification = fixVerification == null ? io.patchctl.core.verify.FixReport.notRun() : fixVerification;
    }

    /** A report built field by field; unset sections take the canonical defaults (not run, empty, {@link Distro#UNKNOWN}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this report, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .schema(schema).runId(runId).timestamp(timestamp).environment(environment).instanceId(instanceId)
                .hostname(hostname).installroot(installroot).mode(mode).status(status).exitCode(exitCode)
                .discovered(discovered).advisor(advisor).plan(plan).approved(approved).held(held).rejected(rejected)
                .transactionTest(transactionTest).apply(apply).verification(verification).rebootNeeded(rebootNeeded)
                .dnfInvocations(dnfInvocations).durationMillis(durationMillis).error(error).distro(distro)
                .packageDb(packageDb).spool(spool).rejectedTotal(rejectedTotal).notes(notes)
                .exceptions(exceptions).approvalAge(approvalAge).hooks(hooks)
                .fixVerification(fixVerification).reboot(reboot).campaign(campaign).quarantine(quarantine).ring(ring);
    }

    /** The first 8 characters of the run id, used to keep report keys of one second apart. */
    public String runIdPrefix() {
        return runId.length() > 8 ? runId.substring(0, 8) : runId;
    }

    /** Builds a {@link RunReport}; {@code runId}, {@code timestamp} and {@code status} are required. */
    public static final class Builder {
        private String schema;
        private String runId;
        private Instant timestamp;
        private String environment;
        private String instanceId;
        private String hostname;
        private String installroot;
        private RunMode mode;
        private RunStatus status;
        private int exitCode;
        private List<SecurityUpdate> discovered;
        private AdvisorSection advisor;
        private PatchPlan plan;
        private List<String> approved;
        private List<HeldPackage> held;
        private List<Rejection> rejected;
        private TransactionTest transactionTest;
        private ApplyResult apply;
        private Verification verification;
        private Boolean rebootNeeded;
        private int dnfInvocations;
        private long durationMillis;
        private String error;
        private Distro distro;
        private PackageDbHealth packageDb;
        private SpoolDelivery spool;
        private int rejectedTotal;
        private List<String> notes;
        private ExceptionsSection exceptions;
        private ApprovalAgeSection approvalAge;
        private io.patchctl.core.hooks.HooksReport hooks;
        private io.patchctl.core.verify.FixReport fixVerification;
        private io.patchctl.core.reboot.RebootSection reboot;
        private CampaignReport campaign;
        private io.patchctl.core.quarantine.QuarantineSection quarantine;
        private String ring;

        private Builder() {
        }

        public Builder fixVerification(io.patchctl.core.verify.FixReport fixVerification) {
            this.fixVerification = fixVerification;
            return this;
        }

        public Builder reboot(io.patchctl.core.reboot.RebootSection reboot) {
            this.reboot = reboot;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        public Builder installroot(String installroot) {
            this.installroot = installroot;
            return this;
        }

        public Builder mode(RunMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder status(RunStatus status) {
            this.status = status;
            return this;
        }

        public Builder exitCode(int exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        public Builder discovered(List<SecurityUpdate> discovered) {
            this.discovered = discovered;
            return this;
        }

        public Builder advisor(AdvisorSection advisor) {
            this.advisor = advisor;
            return this;
        }

        public Builder plan(PatchPlan plan) {
            this.plan = plan;
            return this;
        }

        public Builder approved(List<String> approved) {
            this.approved = approved;
            return this;
        }

        public Builder held(List<HeldPackage> held) {
            this.held = held;
            return this;
        }

        public Builder rejected(List<Rejection> rejected) {
            this.rejected = rejected;
            return this;
        }

        public Builder transactionTest(TransactionTest transactionTest) {
            this.transactionTest = transactionTest;
            return this;
        }

        public Builder apply(ApplyResult apply) {
            this.apply = apply;
            return this;
        }

        public Builder verification(Verification verification) {
            this.verification = verification;
            return this;
        }

        public Builder rebootNeeded(Boolean rebootNeeded) {
            this.rebootNeeded = rebootNeeded;
            return this;
        }

        public Builder dnfInvocations(int dnfInvocations) {
            this.dnfInvocations = dnfInvocations;
            return this;
        }

        public Builder durationMillis(long durationMillis) {
            this.durationMillis = durationMillis;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder distro(Distro distro) {
            this.distro = distro;
            return this;
        }

        public Builder packageDb(PackageDbHealth packageDb) {
            this.packageDb = packageDb;
            return this;
        }

        public Builder spool(SpoolDelivery spool) {
            this.spool = spool;
            return this;
        }

        public Builder rejectedTotal(int rejectedTotal) {
            this.rejectedTotal = rejectedTotal;
            return this;
        }

        public Builder notes(List<String> notes) {
            this.notes = notes;
            return this;
        }

        public Builder exceptions(ExceptionsSection exceptions) {
            this.exceptions = exceptions;
            return this;
        }

        public Builder approvalAge(ApprovalAgeSection approvalAge) {
            this.approvalAge = approvalAge;
            return this;
        }

        public Builder campaign(CampaignReport campaign) {
            this.campaign = campaign;
            return this;
        }

        public Builder quarantine(io.patchctl.core.quarantine.QuarantineSection quarantine) {
            this.quarantine = quarantine;
            return this;
        }

        public Builder ring(String ring) {
            this.ring = ring;
            return this;
        }

        public Builder hooks(io.patchctl.core.hooks.HooksReport hooks) {
            this.hooks = hooks;
            return this;
        }

        public RunReport build() {
            return new RunReport(schema, runId, timestamp, environment, instanceId, hostname, installroot, mode,
                    status, exitCode, discovered, advisor, plan, approved, held, rejected, transactionTest, apply,
                    verification, rebootNeeded, dnfInvocations, durationMillis, error, distro, packageDb, spool,
                    rejectedTotal, notes, exceptions, approvalAge, hooks, fixVerification, reboot, campaign, quarantine, ring);
        }
    }
}
