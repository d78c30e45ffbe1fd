package io.patchctl.core.quarantine;

import io.patchctl.core.advisory.RpmVersion;
import java.time.Instant;
import java.util.Objects;

/**
 * One package held in an environment because its update failed on a host, schema {@value #SCHEMA};
 * stored under {@code bedrock-patch-quarantine/{env}/{package}.json} (the record the first failing host
 * created) and {@code bedrock-patch-quarantine/{env}/{package}/{instance-id}.json} (each failing host's
 * own evidence).
 *
 * @param packageName   the RPM name whose update failed
 * @param evr           the [epoch:]version-release the update failed at: only this EVR and older are held
 * @param nevra         the NEVRA dnf named in its output, or the discovered one
 * @param failureClass  the error class (SCRIPTLET, FILE_CONFLICT, DEPENDENCY) of {@code DnfErrorClassifier}
 * @param signature     the failure signature hash (same failure on other hosts, same signature), or null
 * @param errorLine     the line of dnf output that names the failure
 * @param instanceId    the host the update failed on
 * @param runId         that host's run
 * @param quarantinedAt when the failure was recorded
 * @param expiresAt     end of the lease: the rest of the cycle; after it the record is ignored
 */
public record QuarantineRecord(String schema, String environment, String packageName, String evr, String nevra,
                               String failureClass, String signature, String errorLine, String instanceId,
                               String runId, Instant quarantinedAt, Instant expiresAt) {

    public static final String SCHEMA = "patchctl.quarantine/v1";

    public QuarantineRecord {
        schema = schema == null ? SCHEMA : schema;
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(evr, "evr");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(quarantinedAt, "quarantinedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        failureClass = failureClass == null ? "UNKNOWN" : failureClass;
        errorLine = errorLine == null ? "" : errorLine;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Whether this quarantine holds an update to {@code availableEvr}. Only the EVR that failed (or an
     * older one) is held: a newer EVR is the vendor's fix and gets its own chance; if it fails too, it is
     * quarantined in turn.
     */
    public boolean holds(String availableEvr) {
        return RpmVersion.compareEvr(availableEvr, evr) <= 0;
    }

    /** The hold reason later hosts report: "quarantined: tzdata-broken-2026a-1.el8 failed on i-0abc: scriptlet". */
    public String reason() {
        return "quarantined: " + packageName + "-" + evr + " failed on " + instanceId + ": "
                + failureClass.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (until " + expiresAt + ")";
    }
}
