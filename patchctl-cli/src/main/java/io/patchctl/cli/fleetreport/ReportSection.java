package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.FleetReport;

/**
 * One section of the fleet report page. A feature with something to show (approvals, quarantine,
 * SLA clocks) is one class implementing this, listed once in {@link FleetReportHtml#SECTIONS}.
 * Every piece of report text must go through {@link Html#esc}; a section renders nothing when it
 * has nothing to say.
 */
public interface ReportSection {

    /** The element id of the section, for the page's navigation ("sla"). */
    String id();

    /** The navigation label ("SLA"). */
    String title();

    /** Appends the section's HTML (a {@code <section id="…">}), or nothing. */
    void render(StringBuilder h, FleetReport report);

    /** False when the section would render nothing, so the navigation leaves it out. */
    default boolean present(FleetReport report) {
        return true;
    }
}
