package io.patchctl.core.insights;

import java.util.List;

/**
 * What handling one event did.
 *
 * @param status  STORED (new report(s)), DUPLICATE (already reported), SKIPPED (not a failure),
 *                REJECTED (malformed; raw event kept under _rejected/)
 * @param keys    report keys written or found, or the _rejected/ key
 * @param reason  why it was skipped or rejected, else null
 * @param reports the InsightReports (JSON) at those keys, written now or before, for the CLI to print
 */
public record InsightResult(Status status, List<String> keys, String reason, List<String> reports) {

    public enum Status { STORED, DUPLICATE, SKIPPED, REJECTED }

    public InsightResult {
        keys = List.copyOf(keys);
        reports = List.copyOf(reports);
    }
}
