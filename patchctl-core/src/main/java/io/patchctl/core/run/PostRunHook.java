package io.patchctl.core.run;

import io.patchctl.core.report.RunReport;

/**
 * Runs after the report is stored (e.g. SSM PutComplianceItems). A failing hook is reported on
 * stderr but never changes the run's outcome: the report is already safe.
 */
@FunctionalInterface
public interface PostRunHook {
    void afterRun(RunReport report);
}
