package io.patchctl.cli.fleetreport;

import static io.patchctl.cli.fleetreport.Html.esc;

import io.patchctl.core.fleet.FleetException;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.plan.approval.ExceptionState;
import java.util.List;

/**
 * The fleet page's "Policy exceptions" section: every exception the hosts' runs reported, lapsing ones
 * first. Its own class (and its own few CSS rules) so the page around it can be redesigned freely;
 * nothing is rendered when no host reported an exception.
 */
final class ExceptionsHtml {

    private static final String CSS = "<style>"
            + ".exc .st{display:inline-block;border-radius:10px;padding:0 8px;font-size:.8em;font-weight:600;color:#fff}"
            + ".exc .st-ACTIVE{background:var(--ns)}.exc .st-LAPSING{background:var(--nc)}.exc .st-LAPSED{background:var(--fail)}"
            + "</style>\n";

    private ExceptionsHtml() {
    }

    static void render(StringBuilder h, FleetReport report) {
        List<FleetException> exceptions = report.exceptions();
        if (exceptions.isEmpty()) {
            return;
        }
        long lapsing = exceptions.stream().filter(e -> e.state() == ExceptionState.LAPSING).count();
        long lapsed = exceptions.stream().filter(e -> e.state() == ExceptionState.LAPSED).count();
        h.append("<section id=\"exceptions\" class=\"exc\"><h2>Policy exceptions</h2>\n").append(CSS)
                .append("<p class=\"muted small\">").append(exceptions.size() - lapsed).append(" active (")
                .append(lapsing).append(" lapsing within 7 days), ").append(lapsed)
                .append(" lapsed: the updates they held are allowed again.</p>\n")
                .append("<table class=\"hosts\">\n<thead><tr><th>State</th><th>Matches</th><th>Reason</th><th>Owner</th>")
                .append("<th>Expires</th><th>Hosts holding</th><th>Packages</th></tr></thead>\n<tbody>\n");
        for (FleetException e : exceptions) {
            String state = e.state() == ExceptionState.LAPSED ? "lapsed" : e.state() == ExceptionState.LAPSING ? "lapsing" : "active";
            h.append("<tr data-state=\"").append(e.state().name()).append("\">")
                    .append("<td data-l=\"State\"><span class=\"st st-").append(e.state().name()).append("\">")
                    .append(state).append("</span></td>")
                    .append("<td data-l=\"Matches\">").append(esc(e.match())).append(" <code>").append(esc(e.value()))
                    .append("</code></td>")
                    .append("<td data-l=\"Reason\">").append(esc(e.reason())).append("</td>")
                    .append("<td data-l=\"Owner\">").append(esc(e.owner())).append("</td>")
                    .append("<td data-l=\"Expires\">").append(e.noExpiry() ? "<b>no expiry</b>" : esc(String.valueOf(e.expires())))
                    .append("</td>")
                    .append("<td data-l=\"Hosts holding\" class=\"n\">")
                    .append(e.state() == ExceptionState.LAPSED ? e.allowedAgainHosts().size() + " allowed again"
                            : e.holdingHosts().size() + " of " + e.hosts().size())
                    .append("</td><td data-l=\"Packages\">").append(esc(String.join(", ", e.packages()))).append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }
}
