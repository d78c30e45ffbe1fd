package io.patchctl.testkit;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.HeldPackage;
import io.patchctl.core.report.ApplyResult;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.report.Verification;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Real RunReports (the record the agent writes, serialised by the one JSON mapper) stored under their real keys. */
public final class StoredRuns {

    private StoredRuns() {
    }

    /** One pending update fixing one CVE; available EVR 2.0-1.el9, installed 1.0-1.el9. */
    public static SecurityUpdate update(String advisory, Severity severity, String cve, String pkg, LocalDate issued) {
        return new SecurityUpdate(advisory, severity, List.of(cve), pkg, "x86_64", "1.0-1.el9", "2.0-1.el9", issued);
    }

    /**
     * A run that found {@code pending}, installed the named packages (at their available EVR) and held the others.
     * COMPLIANT when nothing allowed remains, FAILED with the error when one is given.
     */
    public static RunReport run(String env, String instance, Instant at, List<SecurityUpdate> pending,
                                List<String> installNames, List<HeldPackage> held, String error) {
        List<String> nevras = pending.stream().filter(u -> installNames.contains(u.name()))
                .map(SecurityUpdate::availableNevra).distinct().toList();
        boolean failed = error != null;
        List<String> notInstalled = pending.stream().map(SecurityUpdate::name)
                .filter(n -> failed || !installNames.contains(n)).distinct().toList();
        List<String> heldNames = held.stream().map(HeldPackage::packageName).toList();
        RunStatus status = failed ? RunStatus.FAILED
                : notInstalled.stream().allMatch(heldNames::contains) ? RunStatus.COMPLIANT : RunStatus.NON_COMPLIANT;
        return RunReport.builder().runId(UUID.nameUUIDFromBytes((instance + at).getBytes()).toString()).timestamp(at)
                .environment(env).instanceId(instance).hostname(instance + ".example").mode(RunMode.PATCH).status(status)
                .exitCode(failed ? 4 : status == RunStatus.COMPLIANT ? 0 : 3).discovered(pending).held(held)
                .apply(new ApplyResult(!installNames.isEmpty(), !failed, failed ? 1 : 0, failed ? List.of() : nevras, error, null))
                .verification(new Verification(!failed, notInstalled.stream().filter(n -> !heldNames.contains(n)).toList(),
                        notInstalled.stream().filter(heldNames::contains).toList()))
                .error(error).build();
    }

    /** Stores the report where the agent would; returns its key. */
    public static String store(ReportStore store, RunReport run) {
        String key = ReportKeys.runReport(run.environment(), run.instanceId(), run.timestamp(), run.runIdPrefix());
        store.put(key, Json.bytes(run));
        return key;
    }
}
