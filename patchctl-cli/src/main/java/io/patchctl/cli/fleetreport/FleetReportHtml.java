package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.CycleInfo;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HeldItem;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.fleet.Insight;
import io.patchctl.core.fleet.PendingUpdate;
import static io.patchctl.cli.fleetreport.Html.esc;

import io.patchctl.core.advisory.Severity;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link FleetReport} as one self-contained HTML page: inline CSS and SVG, one constant
 * inline script allowed by its hash ({@link PageScript}), no external asset (a Content-Security-Policy
 * forbids loading any), readable on a phone. Its height does not grow with the fleet: the host table
 * and the per-host details scroll in boxes, failures are one card per cause, the timeline aggregates
 * large fleets. Every piece of report text is escaped: it contains model output, dnf messages and
 * package names.
 */
public final class FleetReportHtml {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * The sections after the charts, in page order. A feature adds its section here, one line each
     * (a class implementing {@link ReportSection}); the navigation lists every present section.
     */
    static final List<ReportSection> SECTIONS = List.of(
            new FailureSection(),
            new FunctionSection("exceptions", "Exceptions", ExceptionsHtml::render, r -> !r.exceptions().isEmpty()),
            new FunctionSection("quarantine", "Quarantine", QuarantineHtml::render,
                    r -> !io.patchctl.core.fleet.FleetQuarantine.of(r.hosts()).isEmpty()),
            new SlaSection()
            // one line per feature section, e.g. new ApprovalSection(), new QuarantineSection()
    );

    private static final HostTable HOST_TABLE = new HostTable();

    public String render(FleetReport report) {
        StringBuilder h = new StringBuilder(32_768 + 600 * report.hosts().size());
        Map<HostOutcome, Integer> outcomes = report.outcomes();
        head(h, report);
        h.append("<body>\n<header>\n<h1>Fleet patch report</h1>\n<p class=\"meta\">");
        if (!report.environment().isEmpty()) {
            h.append("Environment <b>").append(esc(report.environment())).append("</b> · ");
        }
        h.append(report.hosts().size()).append(" hosts · generated ").append(esc(WHEN.format(report.generatedAt())))
                .append(" · source ").append(esc(report.source())).append("</p>\n");
        cycle(h, report);
        nav(h, report);
        h.append("</header>\n<main>\n");
        verdict(h, report, outcomes);
        tiles(h, report, outcomes);
        HOST_TABLE.render(h, report);
        for (ReportSection section : SECTIONS) {
            section.render(h, report);
        }
        h.append("<section class=\"charts\" id=\"charts\">\n");
        severityChart(h, report);
        outcomeChart(h, report, outcomes);
        h.append("</section>\n");
        new TimelineChart().render(h, report);
        hostDetails(h, report);
        problems(h, report);
        h.append("</main>\n<footer>patchctl · ").append(esc(FleetReport.SCHEMA))
                .append(" · the model advises, code decides: every install above passed PolicyGuard.</footer>\n");
        h.append("<script>").append(PageScript.SOURCE).append("</script>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Links to the sections, sticky at the top of the page. */
    private static void nav(StringBuilder h, FleetReport report) {
        h.append("<nav class=\"toc\" aria-label=\"sections\"><a href=\"#hosts\">Hosts</a>");
        for (ReportSection section : SECTIONS) {
            if (section.present(report)) {
                h.append("<a href=\"#").append(esc(section.id())).append("\">").append(esc(section.title())).append("</a>");
            }
        }
        h.append("<a href=\"#charts\">Charts</a><a href=\"#details\">Details</a>");
        if (!report.problems().isEmpty()) {
            h.append("<a href=\"#problems\">Problems</a>");
        }
        h.append("</nav>\n");
    }

    private static void head(StringBuilder h, FleetReport report) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // nothing may be fetched: the page must work from a mail attachment or an S3 object
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:; script-src ").append(PageScript.CSP_HASH).append("\">\n")
                .append("<title>Fleet patch report")
                .append(report.environment().isEmpty() ? "" : " · " + esc(report.environment()))
                .append(" · ").append(report.hosts().size()).append(" hosts</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n");
    }

    private static void cycle(StringBuilder h, FleetReport report) {
        CycleInfo c = report.cycle();
        if (c == null) {
            return;
        }
        h.append("<p class=\"meta\" id=\"cycle\">Simulated Run Command <code>").append(esc(c.commandId()))
                .append("</code> · max concurrency ").append(c.maxConcurrency()).append(" · max errors ")
                .append(c.maxErrors()).append(" · advisor ").append(esc(c.advisor())).append(" · ")
                .append(String.format(Locale.ROOT, "%.1f s", c.wallMillis() / 1000.0)).append(" (")
                .append(String.format(Locale.ROOT, "%.1f", c.hostsPerMinute(report.hostsRun())))
                .append(" hosts/min) · ").append(c.distinctUpdateSets()).append(" distinct update sets · ")
                .append(c.modelCalls()).append(" model calls for plans</p>\n");
        if (c.stoppedEarly()) {
            h.append("<p class=\"warn\" id=\"stopped\">The cycle stopped launching hosts after more than ")
                    .append(c.maxErrors()).append(c.maxErrors() == 1 ? " failure" : " failures")
                    .append(" (max errors), as SSM Run Command does.</p>\n");
        }
    }

    private static void verdict(StringBuilder h, FleetReport report, Map<HostOutcome, Integer> outcomes) {
        int bad = outcomes.get(HostOutcome.FAILED) + outcomes.get(HostOutcome.NON_COMPLIANT);
        int skipped = outcomes.get(HostOutcome.NOT_STARTED);
        String cls = bad > 0 ? "bad" : skipped > 0 ? "warn" : "good";
        h.append("<p class=\"verdict ").append(cls).append("\" id=\"verdict\">");
        if (report.hosts().isEmpty()) {
            h.append("No reports found.");
        } else if (bad == 0 && skipped == 0) {
            h.append("All ").append(report.hosts().size()).append(" hosts are compliant.");
        } else {
            h.append(outcomes.get(HostOutcome.COMPLIANT)).append(" of ").append(report.hosts().size())
                    .append(" hosts compliant");
            if (bad > 0) {
                h.append(" · ").append(bad).append(bad == 1 ? " needs" : " need").append(" attention");
            }
            if (skipped > 0) {
                h.append(" · ").append(skipped).append(" not started");
            }
            h.append('.');
        }
        h.append("</p>\n");
    }

    private static void tiles(StringBuilder h, FleetReport report, Map<HostOutcome, Integer> outcomes) {
        h.append("<section class=\"tiles\" aria-label=\"fleet status\">\n");
        for (HostOutcome o : HostOutcome.values()) {
            tile(h, "outcome-" + o.name(), o.label(), outcomes.get(o), "o-" + o.name());
        }
        tile(h, "installed", "Packages installed", report.installedCount(), "n");
        tile(h, "held", "Held by policy", report.heldCount(), "n");
        tile(h, "rejected", "Rejected proposals", report.rejectedCount(), "n");
        tile(h, "insights", "Failure analyses", (int) report.insightCount(), "n");
        h.append("</section>\n");
    }

    private static void tile(StringBuilder h, String id, String label, int value, String cls) {
        h.append("<div class=\"tile ").append(cls).append("\" id=\"tile-").append(id).append("\"><span class=\"num\">")
                .append(value).append("</span><span class=\"lbl\">").append(esc(label)).append("</span></div>\n");
    }

    /** Horizontal bars: distinct advisories per severity, with host-updates in the label. */
    private static void severityChart(StringBuilder h, FleetReport report) {
        Map<Severity, Integer> advisories = report.advisoriesBySeverity();
        Map<Severity, Integer> hostUpdates = report.hostUpdatesBySeverity();
        int max = Math.max(1, advisories.values().stream().mapToInt(Integer::intValue).max().orElse(1));
        int rowH = 28;
        int height = Severity.values().length * rowH + 8;
        h.append("<figure class=\"card\" id=\"chart-severity\"><figcaption>Security advisories by severity</figcaption>\n")
                .append("<svg viewBox=\"0 0 400 ").append(height).append("\" role=\"img\" aria-label=\"advisories by severity\">\n");
        int y = 4;
        for (Severity s : Severity.values()) {
            int n = advisories.get(s);
            int w = n == 0 ? 0 : Math.max(3, (int) Math.round(160.0 * n / max));
            h.append("<g class=\"bar\" data-severity=\"").append(s.name()).append("\" data-count=\"").append(n).append("\">")
                    .append("<text x=\"0\" y=\"").append(y + 17).append("\" class=\"axis\">").append(esc(s.label())).append("</text>")
                    .append("<rect x=\"82\" y=\"").append(y + 4).append("\" width=\"").append(w)
                    .append("\" height=\"18\" rx=\"3\" class=\"sev-").append(s.name()).append("\"><title>")
                    .append(esc(s.label() + ": " + n + " advisories, " + hostUpdates.get(s) + " host updates")).append("</title></rect>")
                    .append("<text x=\"").append(86 + w).append("\" y=\"").append(y + 17).append("\" class=\"val\">").append(n)
                    .append(hostUpdates.get(s) > 0 ? " · " + hostUpdates.get(s) + " on hosts" : "").append("</text></g>\n");
            y += rowH;
        }
        h.append("</svg></figure>\n");
    }

    /** A donut of host outcomes (circumference 100 so dash lengths are percentages). */
    private static void outcomeChart(StringBuilder h, FleetReport report, Map<HostOutcome, Integer> outcomes) {
        int total = report.hosts().size();
        h.append("<figure class=\"card\" id=\"chart-outcomes\"><figcaption>Host outcomes</figcaption>\n<div class=\"donut\">")
                .append("<svg viewBox=\"0 0 42 42\" role=\"img\" aria-label=\"host outcomes\">")
                .append("<circle cx=\"21\" cy=\"21\" r=\"15.915\" class=\"ring\"/>");
        double offset = 25; // start at 12 o'clock
        for (HostOutcome o : HostOutcome.values()) {
            int n = outcomes.get(o);
            if (n == 0 || total == 0) {
                continue;
            }
            double pct = 100.0 * n / total;
            h.append("<circle cx=\"21\" cy=\"21\" r=\"15.915\" class=\"seg o-").append(o.name())
                    .append("\" stroke-dasharray=\"").append(fmt(pct)).append(' ').append(fmt(100 - pct))
                    .append("\" stroke-dashoffset=\"").append(fmt(offset)).append("\"><title>")
                    .append(esc(o.label() + ": " + n)).append("</title></circle>");
            offset -= pct;
        }
        h.append("<text x=\"21\" y=\"22.5\" class=\"donut-num\">").append(total).append("</text>")
                .append("<text x=\"21\" y=\"27\" class=\"donut-lbl\">hosts</text></svg>\n<ul class=\"legend\">");
        for (HostOutcome o : HostOutcome.values()) {
            h.append("<li><span class=\"sw o-").append(o.name()).append("\"></span>").append(esc(o.label()))
                    .append(" <b>").append(outcomes.get(o)).append("</b></li>");
        }
        h.append("</ul></div></figure>\n");
    }

    private static void hostDetails(StringBuilder h, FleetReport report) {
        h.append("<section id=\"details\"><h2>Per-host details</h2>\n<div class=\"tablebox details\">\n");
        for (HostResult r : report.hosts()) {
            h.append("<details class=\"card\" id=\"host-").append(esc(r.instanceId())).append("\"><summary><b>")
                    .append(esc(r.instanceId())).append("</b> <span class=\"badge o-").append(r.outcome().name()).append("\">")
                    .append(esc(r.outcome().label())).append("</span> <span class=\"muted\">")
                    .append(r.discovered().size()).append(" pending · ").append(r.installed().size()).append(" installed · ")
                    .append(r.held().size()).append(" held</span></summary>\n");
            h.append("<p class=\"muted small\">");
            if (!r.hostname().isEmpty()) {
                h.append(esc(r.hostname())).append(" · ");
            }
            if (!r.distro().isEmpty()) {
                h.append("<span class=\"distro\">").append(esc(r.distro())).append("</span> · ");
            }
            if (!r.timestamp().isEmpty()) {
                h.append("run ").append(esc(r.timestamp())).append(" · ")
                        .append(String.format(Locale.ROOT, "%.1f s", r.durationMillis() / 1000.0)).append(" · ");
            }
            if (r.modelId() != null) {
                h.append("model ").append(esc(r.modelId())).append(" · ");
            }
            if (!r.runReportKey().isEmpty()) {
                h.append("<code>").append(esc(r.runReportKey())).append("</code>");
            }
            h.append("</p>\n");
            if (r.outcome() == HostOutcome.NOT_STARTED) {
                h.append("<p>").append(esc(r.error() == null ? "Not started." : r.error())).append("</p>\n");
            }
            if (!r.discovered().isEmpty()) {
                h.append("<div class=\"scroll\"><table class=\"upd\"><thead><tr><th>Advisory</th><th>Severity</th>")
                        .append("<th>Package</th><th>Installed</th><th>Available</th><th>CVEs</th></tr></thead><tbody>");
                for (PendingUpdate u : r.discovered()) {
                    h.append("<tr><td>").append(esc(u.advisoryId())).append("</td><td><span class=\"badge sev-")
                            .append(u.severity().name()).append("\">").append(esc(u.severity().label())).append("</span></td><td>")
                            .append(esc(u.packageName())).append("</td><td>").append(esc(u.installedEvr())).append("</td><td>")
                            .append(esc(u.availableEvr())).append("</td><td>").append(esc(String.join(" ", u.cves())))
                            .append("</td></tr>");
                }
                h.append("</tbody></table></div>\n");
            }
            items(h, "Installed", r.installed().stream().map(n -> new HeldItem(n, "")).toList());
            items(h, "Held", r.held());
            items(h, "Rejected", r.rejected());
            h.append("</details>\n");
        }
        h.append("</div></section>\n");
    }

    private static void items(StringBuilder h, String title, List<HeldItem> items) {
        if (items.isEmpty()) {
            return;
        }
        h.append("<p class=\"label\">").append(esc(title)).append("</p><ul class=\"plain\">");
        for (HeldItem i : items) {
            h.append("<li><code>").append(esc(i.name())).append("</code>");
            if (!i.reason().isEmpty()) {
                h.append(" — ").append(esc(i.reason()));
            }
            h.append("</li>");
        }
        h.append("</ul>\n");
    }

    private static void problems(StringBuilder h, FleetReport report) {
        if (report.problems().isEmpty()) {
            return;
        }
        h.append("<section id=\"problems\"><h2>Problems</h2><p class=\"muted small\">Reports that could not be read, and failures that got no analysis.</p><ul class=\"plain\">");
        report.problems().forEach(p -> h.append("<li>").append(esc(p)).append("</li>"));
        h.append("</ul></section>\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static final String CSS = String.join("\n",
            ":root{--fg:#1f2328;--muted:#59636e;--bg:#f6f8fa;--card:#fff;--line:#d1d9e0;",
            "--ok:#1a7f37;--nc:#9a6700;--fail:#cf222e;--ns:#6e7781;",
            "--crit:#82071e;--imp:#cf222e;--mod:#bc4c00;--low:#9a6700;--unk:#6e7781}",
            "*{box-sizing:border-box}",
            "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;",
            "color:var(--fg);background:var(--bg);overflow-wrap:anywhere}",
            "header,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}",
            "header{padding-top:18px}h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin:1.4em 0 .5em}",
            "h3{font-size:1.05em;margin:0 0 .4em}",
            ".meta{color:var(--muted);margin:.2em 0}.muted{color:var(--muted)}.small{font-size:.85em}",
            ".verdict{font-size:1.15em;font-weight:600;padding:10px 14px;border-radius:8px;margin:14px 0}",
            ".verdict.good{background:#dafbe1;color:#116329}.verdict.bad{background:#ffebe9;color:#a40e26}",
            ".verdict.warn,.warn{background:#fff8c5;color:#7d4e00;padding:6px 10px;border-radius:6px}",
            ".tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:10px}",
            ".tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px;",
            "border-top:4px solid var(--line)}",
            ".tile .num{display:block;font-size:1.9em;font-weight:700;line-height:1.1}.tile .lbl{color:var(--muted)}",
            ".tile.o-COMPLIANT{border-top-color:var(--ok)}.tile.o-NON_COMPLIANT{border-top-color:var(--nc)}",
            ".tile.o-FAILED{border-top-color:var(--fail)}.tile.o-NOT_STARTED{border-top-color:var(--ns)}",
            ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px;margin-top:14px}",
            ".card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:0 0 10px}",
            "figure{margin:0}figcaption{font-weight:600;margin-bottom:6px}svg{width:100%;height:auto;display:block}",
            ".axis{font-size:12px;fill:var(--fg)}.val{font-size:12px;fill:var(--muted)}",
            ".sev-CRITICAL{fill:var(--crit);background:var(--crit)}.sev-IMPORTANT{fill:var(--imp);background:var(--imp)}",
            ".sev-MODERATE{fill:var(--mod);background:var(--mod)}.sev-LOW{fill:var(--low);background:var(--low)}",
            ".sev-UNKNOWN{fill:var(--unk);background:var(--unk)}",
            ".donut{display:flex;align-items:center;gap:14px;flex-wrap:wrap}.donut svg{width:160px;flex:none}",
            ".ring{fill:none;stroke:#eaeef2;stroke-width:6}.seg{fill:none;stroke-width:6}",
            ".seg.o-COMPLIANT{stroke:var(--ok)}.seg.o-NON_COMPLIANT{stroke:var(--nc)}",
            ".seg.o-FAILED{stroke:var(--fail)}.seg.o-NOT_STARTED{stroke:var(--ns)}",
            ".tl.o-COMPLIANT{fill:var(--ok)}.tl.o-NON_COMPLIANT{fill:var(--nc)}.tl.o-FAILED{fill:var(--fail)}.tl.o-NOT_STARTED{fill:var(--ns)}",
            "#chart-timeline{margin-top:12px}.tlsvg{min-width:560px}.mono{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:11px}",
            ".donut-num{font-size:8px;font-weight:700;text-anchor:middle;fill:var(--fg)}",
            ".donut-lbl{font-size:3.5px;text-anchor:middle;fill:var(--muted)}",
            ".legend{list-style:none;padding:0;margin:0}.legend li{margin:3px 0}",
            ".sw{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-1px}",
            ".sw.o-COMPLIANT,.badge.o-COMPLIANT{background:var(--ok)}.sw.o-NON_COMPLIANT,.badge.o-NON_COMPLIANT{background:var(--nc)}",
            ".sw.o-FAILED,.badge.o-FAILED{background:var(--fail)}.sw.o-NOT_STARTED,.badge.o-NOT_STARTED{background:var(--ns)}",
            ".badge{display:inline-block;color:#fff;border-radius:10px;padding:0 8px;font-size:.8em;font-weight:600;",
            "white-space:nowrap;background:var(--ns)}",
            ".sevb-CRITICAL{background:var(--crit)}.sevb-HIGH{background:var(--imp)}.sevb-MEDIUM{background:var(--mod)}",
            ".sevb-LOW{background:var(--low)}",
            ".failure{border-left:4px solid var(--fail)}.label{font-weight:600;margin:.6em 0 .2em}",
            "pre.err{background:#fff5f5;border:1px solid #ffcecb;border-radius:6px;padding:8px;white-space:pre-wrap;",
            "word-break:break-word;font-size:.85em;max-height:16em;overflow:auto;margin:0}",
            ".rc{margin:.6em 0 .2em}.root-cause{font-size:1.05em}ul.plain,ul.cmds{margin:.2em 0;padding-left:1.2em}",
            "ul.cmds{list-style:none;padding-left:0}ul.cmds code{display:block;background:#f6f8fa;border:1px solid var(--line);",
            "border-radius:6px;padding:4px 8px;margin:3px 0;white-space:pre-wrap;word-break:break-all}",
            "code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,monospace;font-size:.88em;word-break:break-word}",
            ".esc{color:var(--fail)}",
            "table{border-collapse:collapse;width:100%;background:var(--card)}",
            "th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}",
            "th{background:#f6f8fa;font-size:.85em;color:var(--muted)}td.n{text-align:right;font-variant-numeric:tabular-nums}",
            ".scroll{overflow-x:auto}table.upd{font-size:.88em;margin:.4em 0}",
            "details summary{cursor:pointer}footer{color:var(--muted);font-size:.85em;padding:20px 16px 30px}",
            "a{color:#0969da}[hidden]{display:none!important}",
            ".toc{position:sticky;top:0;z-index:5;background:var(--bg);display:flex;flex-wrap:wrap;gap:4px 14px;",
            "padding:8px 0;border-bottom:1px solid var(--line);margin-top:8px}.toc a{font-weight:600;text-decoration:none}",
            "h2{scroll-margin-top:48px}",
            ".filters{display:none;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:0 0 8px}.js .filters{display:flex}",
            ".filters select,.filters input{font:inherit;padding:2px 6px;border:1px solid var(--line);border-radius:6px;background:#fff}",
            ".tablebox{max-height:70vh;overflow:auto;border:1px solid var(--line);border-radius:8px;background:var(--card)}",
            ".tablebox thead th{position:sticky;top:0;z-index:1}.tablebox.details{padding:8px}",
            "button.sort{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:left}",
            "th[aria-sort=ascending] button.sort::after{content:' \\25B2'}th[aria-sort=descending] button.sort::after{content:' \\25BC'}",
            ".hostlist{margin:.3em 0;line-height:1.9}.hostlist a.host{font-family:ui-monospace,'DejaVu Sans Mono',monospace;",
            "font-size:.85em;background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:1px 6px;text-decoration:none}",
            "details.more>summary{color:#0969da;margin:.3em 0}",
            ".grid{stroke:#d1d9e0;stroke-width:1}.ln-crit,.ln-imp{fill:none;stroke-width:2.5}",
            ".ln-crit{stroke:var(--crit)}.ln-imp{stroke:var(--imp);stroke-dasharray:6 3}.pt-crit{fill:var(--crit)}.pt-imp{fill:var(--imp)}",
            ".legend.inline{display:flex;gap:14px;flex-wrap:wrap;margin-top:6px}",
            "td.overdue{color:var(--fail);font-weight:700}.meter{display:inline-block;width:60px;height:8px;background:#eaeef2;",
            "border-radius:4px;vertical-align:middle;overflow:hidden}.meter span{display:block;height:100%;background:var(--ok)}",
            "table.overdue{font-size:.9em}table.overdue,table.sla{min-width:520px}",
            "table.hosts th{white-space:nowrap}table.hosts td>a+.muted{display:block}",
            "table.hosts{font-size:.9em}table.hosts td{overflow-wrap:normal}table.hosts td:first-child>a{white-space:nowrap}",
            "table.hosts td:last-child{overflow-wrap:anywhere;min-width:14em}",
            "table.sla th,table.sla td,table.overdue th,table.overdue td{overflow-wrap:normal;white-space:nowrap}",
            "table.overdue td:last-child{white-space:normal;min-width:16em}#sla-figures{grid-column:1/-1}",
            "@media (max-width:640px){body{font-size:14px}h1{font-size:1.35em}",
            "table.hosts thead{display:none}table.hosts,table.hosts tbody,table.hosts tr,table.hosts td{display:block;width:100%}",
            "table.hosts tr{border:1px solid var(--line);border-radius:8px;margin:0 0 8px;padding:4px 0;background:var(--card)}",
            "table.hosts td{border:none;padding:3px 10px;text-align:left}",
            "table.hosts td::before{content:attr(data-l);display:inline-block;min-width:6.5em;color:var(--muted);font-size:.85em}",
            ".tablebox{max-height:75vh}table.hosts td>a+.muted{display:inline}",
            "td.n{text-align:left}}",
            "");
}
