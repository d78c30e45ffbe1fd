package io.patchctl.cli.fleetreport;

import static io.patchctl.cli.fleetreport.Html.esc;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.fleet.Insight;
import java.util.List;
import java.util.Locale;

/** One card per failure cause ({@link FailureCauses}) with its analysis once and its hosts, the long lists folded. */
final class FailureSection implements ReportSection {

    /** Hosts named on a card before the rest are folded into a "n more" list. */
    static final int HOSTS_SHOWN = 12;
    /** Causes shown as cards before the rest are folded (a fleet failing 500 different ways). */
    static final int CAUSES_SHOWN = 20;

    @Override
    public String id() {
        return "failures";
    }

    @Override
    public String title() {
        return "Failures";
    }

    @Override
    public void render(StringBuilder h, FleetReport report) {
        List<FailureCauses.Cause> causes = FailureCauses.of(report);
        int hosts = causes.stream().mapToInt(c -> c.hosts().size()).sum();
        h.append("<section id=\"failures\"><h2>Failures by cause</h2>\n");
        if (causes.isEmpty()) {
            h.append("<p class=\"muted\">No host failed.</p>\n</section>\n");
            return;
        }
        h.append("<p class=\"muted small\" id=\"failure-summary\">").append(hosts).append(hosts == 1 ? " host, " : " hosts, ")
                .append(causes.size()).append(causes.size() == 1 ? " cause" : " causes").append(".</p>\n");
        for (int i = 0; i < causes.size(); i++) {
            if (i == CAUSES_SHOWN) {
                h.append("<details class=\"more\"><summary>").append(causes.size() - CAUSES_SHOWN)
                        .append(" more causes</summary>\n");
            }
            card(h, causes.get(i));
        }
        if (causes.size() > CAUSES_SHOWN) {
            h.append("</details>\n");
        }
        h.append("</section>\n");
    }

    private static void card(StringBuilder h, FailureCauses.Cause cause) {
        h.append("<article class=\"card failure\" data-cause-hosts=\"").append(cause.hosts().size()).append("\">\n<h3>")
                .append("<span class=\"badge o-").append(cause.outcome().name()).append("\">").append(esc(cause.outcome().label()))
                .append("</span> <span class=\"cause-title\">").append(esc(cause.title())).append("</span> <span class=\"muted\">· ")
                .append(cause.hosts().size()).append(cause.hosts().size() == 1 ? " host" : " hosts").append("</span></h3>\n");
        hosts(h, cause.hosts());
        HostResult withError = cause.withError();
        if (withError != null) {
            h.append("<p class=\"label\">Error reported by the agent").append(cause.hosts().size() > 1
                    ? " (on " + esc(withError.instanceId()) + ")" : "").append(withError.exitCode() == null ? ""
                    : " · exit " + withError.exitCode()).append("</p><pre class=\"err\">").append(esc(withError.error())).append("</pre>\n");
        }
        HostResult analysed = cause.analysed();
        long missing = cause.hosts().stream().filter(r -> r.insight() == null).count();
        if (analysed == null) {
            h.append("<p class=\"warn\">No failure analysis stored for ").append(cause.hosts().size() == 1 ? "this host"
                    : "these hosts").append(".</p>\n");
        } else {
            analysis(h, analysed.insight(), cause.hosts().size() > 1 ? analysed.instanceId() : null);
            if (missing > 0) {
                h.append("<p class=\"muted small\">").append(missing).append(" of ").append(cause.hosts().size())
                        .append(" hosts have no stored analysis.</p>\n");
            }
        }
        h.append("</article>\n");
    }

    private static void hosts(StringBuilder h, List<HostResult> hosts) {
        h.append("<p class=\"hostlist\">");
        for (int i = 0; i < hosts.size(); i++) {
            if (i == HOSTS_SHOWN) {
                h.append("</p><details class=\"more\"><summary>").append(hosts.size() - HOSTS_SHOWN)
                        .append(" more hosts</summary><p class=\"hostlist\">");
            }
            HostResult r = hosts.get(i);
            h.append("<a class=\"host\" href=\"#host-").append(esc(r.instanceId())).append("\">").append(esc(r.instanceId()))
                    .append("</a> ");
        }
        h.append(hosts.size() > HOSTS_SHOWN ? "</p></details>\n" : "</p>\n");
    }

    private static void analysis(StringBuilder h, Insight in, String of) {
        h.append("<div class=\"analysis\">\n<p class=\"rc\"><span class=\"badge sevb-")
                .append(esc(in.severity().toUpperCase(Locale.ROOT))).append("\">").append(esc(in.severity()))
                .append("</span> <b class=\"root-cause\">").append(esc(in.rootCause())).append("</b></p>\n");
        if (!in.summary().isEmpty()) {
            h.append("<p class=\"summary\">").append(esc(in.summary())).append("</p>\n");
        }
        list(h, "Immediate actions", in.immediateActions(), false);
        list(h, "dnf commands", in.dnfCommands(), true);
        list(h, "AWS CLI commands", in.awsCliCommands(), true);
        list(h, "Preventive measures", in.preventiveMeasures(), false);
        h.append("<p class=\"muted small\">Analysis by ").append(esc(in.analysisSource()))
                .append(in.modelId() == null ? "" : " (" + esc(in.modelId()) + ")")
                .append(of == null ? "" : " of " + esc(of))
                .append(in.escalate() ? " · <b class=\"esc\">escalated</b>" : "")
                .append(" · <code>").append(esc(in.key())).append("</code></p>\n</div>\n");
    }

    private static void list(StringBuilder h, String title, List<String> items, boolean code) {
        if (items.isEmpty()) {
            return;
        }
        h.append("<p class=\"label\">").append(esc(title)).append("</p><ul class=\"").append(code ? "cmds" : "plain")
                .append("\">");
        for (String item : items) {
            h.append("<li>").append(code ? "<code>" : "").append(esc(item)).append(code ? "</code>" : "").append("</li>");
        }
        h.append("</ul>\n");
    }
}
