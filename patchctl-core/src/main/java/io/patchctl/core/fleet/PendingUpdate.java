package io.patchctl.core.fleet;

import io.patchctl.core.advisory.Severity;
import java.util.List;

/** One security update discovery reported on a host (from the RunReport's {@code discovered}). */
public record PendingUpdate(String advisoryId, Severity severity, List<String> cves, String packageName,
                            String installedEvr, String availableEvr) {
    public PendingUpdate {
        severity = severity == null ? Severity.UNKNOWN : severity;
        cves = cves == null ? List.of() : List.copyOf(cves);
    }
}
