package io.patchctl.core.run;

import io.patchctl.core.report.RunReport;
import java.util.List;

/**
 * The finished run: its report (exit code included), where it was stored, and what went wrong storing it.
 *
 * @param storedAt   keys/locations the report was written to
 * @param spooledTo  local spool file when a store failed, else null
 */
public record RunOutcome(RunReport report, List<String> storedAt, String spooledTo) {
    public int exitCode() {
        return report.exitCode();
    }
}
