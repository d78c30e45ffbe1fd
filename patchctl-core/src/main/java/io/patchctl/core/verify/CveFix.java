package io.patchctl.core.verify;

import java.util.List;
import java.util.Objects;

/** One CVE after the run: FIXED only when every advisory listing it is (a CVE may span several packages). */
public record CveFix(String cve, FixStatus status, NotFixedReason why, List<String> advisories) {
    public CveFix {
        Objects.requireNonNull(cve, "cve");
        Objects.requireNonNull(status, "status");
        advisories = advisories == null ? List.of() : List.copyOf(advisories);
    }
}
