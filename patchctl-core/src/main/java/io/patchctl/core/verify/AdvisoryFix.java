package io.patchctl.core.verify;

import io.patchctl.core.advisory.Severity;
import java.util.List;
import java.util.Objects;

/** One advisory after the run: FIXED only when each of its packages is; else the most serious package reason. */
public record AdvisoryFix(String advisoryId, Severity severity, List<String> cves, FixStatus status, NotFixedReason why,
                          List<PackageFix> packages) {
    public AdvisoryFix {
        Objects.requireNonNull(advisoryId, "advisoryId");
        Objects.requireNonNull(status, "status");
        cves = cves == null ? List.of() : List.copyOf(cves);
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
