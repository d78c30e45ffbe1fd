package io.patchctl.cli.fleetreport;

import static io.patchctl.cli.fleetreport.Html.esc;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.sla.CveClock;
import io.patchctl.core.sla.CyclePoint;
import io.patchctl.core.sla.SeverityFigures;
import io.patchctl.core.sla.SlaReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** SLA clocks (issue 15 §4): figures per severity, the overdue list, open Critical/Important per cycle. */
final class SlaSection implements ReportSection {

    /** Overdue clocks in the first table; the rest folded, up to {@link #OVERDUE_MAX} (the JSON has them all). */
    static final int OVERDUE_SHOWN = 15;
    static final int OVERDUE_MAX = 500;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public String id() {
        return "sla";
    }

    @Override
    public String title() {
        return "SLA";
    }

    @Override
    public boolean present(FleetReport report) {
        return report.sla() != null;
    }

    @Override
    public void render(StringBuilder h, FleetReport report) {
        SlaReport sla = report.sla();
        if (sla == null) {
            return;
        }
        h.append("<section id=\"sla\"><h2>Time to patch against the SLA</h2>\n<p class=\"muted small\">")
                .append(sla.runs()).append(" stored runs, ").append(sla.clocks().size())
                .append(" CVE × host clocks, from each advisory's date to the run that fixed it (or to ")
                .append(esc(sla.now().toString())).append("). Targets: ").append(esc(sla.targets().toString()))
                .append(" days.</p>\n<div class=\"charts\">\n");
        figures(h, sla);
        plot(h, sla.cycles());
        h.append("</div>\n");
        overdue(h, sla.overdue());
        h.append("</section>\n");
    }

    private static void figures(StringBuilder h, SlaReport sla) {
        h.append("<figure class=\"card\" id=\"sla-figures\"><figcaption>Days to fix per severity</figcaption>\n");
        if (sla.figures().isEmpty()) {
            h.append("<p class=\"muted\">No CVE pending in any stored run.</p></figure>\n");
            return;
        }
        h.append("<div class=\"scroll\"><table class=\"sla\"><thead><tr><th>Severity</th><th>Target</th><th>Fixed</th><th>Open</th>")
                .append("<th>Overdue</th><th>Median</th><th>p90</th><th>Hosts within SLA</th></tr></thead><tbody>\n");
        for (SeverityFigures f : sla.figures().values()) {
            int pct = (int) Math.round(100 * f.shareWithin());
            h.append("<tr data-severity=\"").append(f.severity().name()).append("\"><td><span class=\"badge sev-")
                    .append(f.severity().name()).append("\">").append(esc(f.severity().label())).append("</span></td><td class=\"n\">")
                    .append(f.slaDays()).append(" d</td><td class=\"n\">").append(f.fixed()).append("</td><td class=\"n\">")
                    .append(f.open()).append("</td><td class=\"n").append(f.overdue() > 0 ? " overdue" : "").append("\">")
                    .append(f.overdue()).append("</td><td class=\"n median\">").append(days(f.medianDays()))
                    .append("</td><td class=\"n p90\">").append(days(f.p90Days())).append("</td><td class=\"share\" data-share=\"")
                    .append(pct).append("\"><span class=\"meter\"><span style=\"width:").append(pct).append("%\"></span></span> ")
                    .append(f.hostsWithin()).append('/').append(f.hosts()).append(" (").append(pct).append("%)</td></tr>\n");
        }
        h.append("</tbody></table></div></figure>\n");
    }

    /** Lines of open Critical and Important (host × CVE) clocks at the end of each cycle. */
    private static void plot(StringBuilder h, List<CyclePoint> cycles) {
        h.append("<figure class=\"card\" id=\"sla-cycles\"><figcaption>Open Critical / Important CVEs after each cycle</figcaption>\n");
        if (cycles.isEmpty()) {
            h.append("<p class=\"muted\">No cycle stored.</p></figure>\n");
            return;
        }
        int max = Math.max(1, cycles.stream().mapToInt(p -> Math.max(p.openCritical(), p.openImportant())).max().orElse(1));
        int left = 40;
        int w = 340;
        int top = 10;
        int ph = 140;
        h.append("<svg viewBox=\"0 0 ").append(left + w + 20).append(' ').append(top + ph + 36)
                .append("\" role=\"img\" aria-label=\"open critical and important CVEs per cycle\">\n");
        for (int tick : new int[] {0, (max + 1) / 2, max}) {
            double y = top + ph - (double) ph * tick / max;
            h.append("<line x1=\"").append(left).append("\" x2=\"").append(left + w).append("\" y1=\"").append(fmt(y))
                    .append("\" y2=\"").append(fmt(y)).append("\" class=\"grid\"/><text x=\"").append(left - 6).append("\" y=\"")
                    .append(fmt(y + 4)).append("\" class=\"val\" text-anchor=\"end\">").append(tick).append("</text>");
        }
        int n = cycles.size();
        StringBuilder crit = new StringBuilder();
        StringBuilder imp = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < n; i++) {
            CyclePoint p = cycles.get(i);
            double x = left + (n == 1 ? w / 2.0 : (double) w * i / (n - 1));
            double yc = top + ph - (double) ph * p.openCritical() / max;
            double yi = top + ph - (double) ph * p.openImportant() / max;
            crit.append(i == 0 ? "M" : " L").append(fmt(x)).append(' ').append(fmt(yc));
            imp.append(i == 0 ? "M" : " L").append(fmt(x)).append(' ').append(fmt(yi));
            marks.append("<g class=\"cycle\" data-cycle=\"").append(i + 1).append("\" data-critical=\"").append(p.openCritical())
                    .append("\" data-important=\"").append(p.openImportant()).append("\"><circle cx=\"").append(fmt(x)).append("\" cy=\"")
                    .append(fmt(yi)).append("\" r=\"3.5\" class=\"pt-imp\"><title>cycle ").append(i + 1).append(" (")
                    .append(esc(p.end().toString())).append("): ").append(p.openImportant()).append(" Important open (")
                    .append(p.distinctImportant()).append(" distinct CVEs)</title></circle><circle cx=\"").append(fmt(x))
                    .append("\" cy=\"").append(fmt(yc)).append("\" r=\"3.5\" class=\"pt-crit\"><title>cycle ").append(i + 1)
                    .append(": ").append(p.openCritical()).append(" Critical open (").append(p.distinctCritical())
                    .append(" distinct CVEs)</title></circle>");
            if (i % labelEvery == 0 || i == n - 1) {
                marks.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(top + ph + 16)
                        .append("\" class=\"val\" text-anchor=\"middle\">").append(esc(DAY.format(p.end()))).append("</text>");
            }
            marks.append("</g>\n");
        }
        h.append("<path d=\"").append(imp).append("\" class=\"ln-imp\"/>\n<path d=\"").append(crit).append("\" class=\"ln-crit\"/>\n")
                .append(marks).append("<text x=\"").append(left).append("\" y=\"").append(top + ph + 32)
                .append("\" class=\"val\">open (host × CVE) clocks at the end of each cycle</text></svg>\n")
                .append("<ul class=\"legend inline\"><li><span class=\"sw sev-CRITICAL\"></span>Critical</li>")
                .append("<li><span class=\"sw sev-IMPORTANT\"></span>Important</li></ul></figure>\n");
    }

    private static void overdue(StringBuilder h, List<CveClock> overdue) {
        h.append("<h3 id=\"sla-overdue\">Overdue <span class=\"muted\">· ").append(overdue.size()).append("</span></h3>\n");
        if (overdue.isEmpty()) {
            h.append("<p class=\"muted\">No open CVE is past its target.</p>\n");
            return;
        }
        table(h, overdue.subList(0, Math.min(OVERDUE_SHOWN, overdue.size())));
        if (overdue.size() > OVERDUE_SHOWN) {
            int upTo = Math.min(OVERDUE_MAX, overdue.size());
            h.append("<details class=\"more\"><summary>").append(upTo - OVERDUE_SHOWN).append(" more overdue</summary>\n");
            table(h, overdue.subList(OVERDUE_SHOWN, upTo));
            h.append("</details>\n");
            if (overdue.size() > upTo) {
                h.append("<p class=\"muted small\">").append(overdue.size() - upTo).append(" more in fleet-report.json.</p>\n");
            }
        }
    }

    private static void table(StringBuilder h, List<CveClock> clocks) {
        h.append("<div class=\"scroll\"><table class=\"overdue\"><thead><tr><th>Severity</th><th>CVE</th><th>Host</th>")
                .append("<th>Days open</th><th>Target</th><th>Why</th></tr></thead><tbody>\n");
        for (CveClock c : clocks) {
            h.append("<tr><td><span class=\"badge sev-").append(c.severity().name()).append("\">").append(esc(c.severity().label()))
                    .append("</span></td><td><code>").append(esc(c.cve())).append("</code></td><td><a href=\"#host-")
                    .append(esc(c.instanceId())).append("\">").append(esc(c.instanceId())).append("</a></td><td class=\"n\">")
                    .append(c.days()).append(c.issued() == null ? "*" : "").append("</td><td class=\"n\">").append(c.slaDays())
                    .append("</td><td>").append(esc(c.why())).append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
    }

    private static String days(Long d) {
        return d == null ? "–" : d + " d";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
