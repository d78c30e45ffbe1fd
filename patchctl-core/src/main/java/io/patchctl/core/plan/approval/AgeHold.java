package io.patchctl.core.plan.approval;

import io.patchctl.core.advisory.Severity;
import java.time.LocalDate;

/**
 * A package held because one of its advisories is younger than {@code approve_after_days} allows.
 *
 * @param advisoryId       the advisory that keeps it longest
 * @param ageDays          whole days since the advisory's date, on the run's date
 * @param approveAfterDays the policy's wait for that severity
 * @param approvableOn     the first day the package is approved (issued + wait)
 */
public record AgeHold(String packageName, String advisoryId, Severity severity, LocalDate issued, long ageDays,
                      int approveAfterDays, LocalDate approvableOn, String reason) {
}
