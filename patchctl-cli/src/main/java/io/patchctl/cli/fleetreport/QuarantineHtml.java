package io.patchctl.cli.fleetreport;

import static io.patchctl.cli.fleetreport.Html.esc;

import io.patchctl.core.fleet.FleetQuarantine;
import io.patchctl.core.fleet.FleetReport;
import java.util.List;

/**
 * The fleet report's circuit-breaker section: each update quarantined this cycle, the hosts that failed on
 * it and the hosts it saved (they held it and patched the rest). Its own class so that the page around it
 * can be redesigned without touching it; nothing is rendered when nothing was quarantined.
 */
final class QuarantineHtml {

    private QuarantineHtml() {
    }

    static void render(StringBuilder h, FleetReport report) {
        List<FleetQuarantine.Entry> entries = FleetQuarantine.of(report.hosts());
        if (entries.isEmpty()) {
            return;
        }
        h.append("<section id=\"quarantine\"><h2>Circuit breaker: quarantined updates</h2>\n")
                .append("<p class=\"muted small\">An update that failed on a host was quarantined for the rest of the cycle:"
                        + " later hosts held it and installed everything else. <code>patchctl quarantine list|clear</code>.</p>\n")
                .append("<table class=\"hosts\">\n<thead><tr><th>Update</th><th>Failure</th><th>First failed on</th>")
                .append("<th>Failed on</th><th>Hosts saved</th></tr></thead>\n<tbody>\n");
        for (FleetQuarantine.Entry e : entries) {
            h.append("<tr data-package=\"").append(esc(e.packageName())).append("\"><td><code>")
                    .append(esc(e.packageName() + "-" + e.evr())).append("</code></td><td>")
                    .append(esc(e.failureClass().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))).append("</td><td>")
                    .append(esc(e.firstFailedOn())).append("</td><td>").append(e.failedOn().size()).append(' ')
                    .append(hosts(e.failedOn())).append("</td><td class=\"saved\">").append(e.saved().size()).append(' ')
                    .append(hosts(e.saved())).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    /** At most 10 ids shown; the count says the rest. */
    private static String hosts(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        List<String> shown = ids.subList(0, Math.min(10, ids.size()));
        return "<span class=\"muted small\">(" + esc(String.join(", ", shown)) + (ids.size() > shown.size() ? ", …" : "")
                + ")</span>";
    }
}
