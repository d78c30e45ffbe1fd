package io.patchctl.core.compliance;

import java.util.Map;
import java.util.Objects;

/**
 * One compliance item (SSM PutComplianceItems shape, without the SDK).
 *
 * @param id       the advisory id (or a run-level id when nothing was discovered)
 * @param severity CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL or UNSPECIFIED
 * @param status   COMPLIANT or NON_COMPLIANT
 * @param details  short key/value facts (packages, CVEs, state)
 */
public record ComplianceItem(String id, String title, String severity, String status, Map<String, String> details) {
    public ComplianceItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        title = title == null ? id : title;
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
