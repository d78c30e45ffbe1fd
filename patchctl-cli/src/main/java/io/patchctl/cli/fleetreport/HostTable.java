package io.patchctl.cli.fleetreport;

import static io.patchctl.cli.fleetreport.Html.esc;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The host table near the top of the page: every host in one scrollable box (its height does not grow
 * with the fleet), sortable by any column and filterable by status, distro and any optional grouping
 * column, with {@link PageScript}. Optional columns come from {@link HostResult} components of that name
 * when the record has them (a ring, say), so a new field shows up here without an edit.
 */
final class HostTable implements ReportSection {

    /** HostResult components shown as a filterable column when present and non-empty on some host. */
    static final List<String> OPTIONAL_GROUPS = List.of("ring");

    record Filter(String attribute, String label, Function<HostResult, String> value) {
    }

    private final List<String> optionalGroups;

    HostTable() {
        this(OPTIONAL_GROUPS);
    }

    /** @param optionalGroups HostResult component names to offer as columns and filters when present */
    HostTable(List<String> optionalGroups) {
        this.optionalGroups = List.copyOf(optionalGroups);
    }

    @Override
    public String id() {
        return "hosts";
    }

    @Override
    public String title() {
        return "Hosts";
    }

    @Override
    public void render(StringBuilder h, FleetReport report) {
        List<Filter> filters = new ArrayList<>();
        filters.add(new Filter("outcome", "Status", r -> r.outcome().name()));
        filters.add(new Filter("distro", "Distro", HostResult::distro));
        for (String name : optionalGroups) {
            Function<HostResult, String> accessor = component(name);
            if (accessor != null && report.hosts().stream().anyMatch(r -> !accessor.apply(r).isEmpty())) {
                filters.add(new Filter(name, name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1), accessor));
            }
        }
        int n = report.hosts().size();
        h.append("<section id=\"hosts\"><h2>Hosts</h2>\n<div class=\"filters\" role=\"search\">");
        for (Filter f : filters) {
            h.append("<label>").append(esc(f.label())).append(" <select data-filter=\"").append(f.attribute())
                    .append("\" id=\"filter-").append(f.attribute()).append("\"><option value=\"\">all</option>");
            TreeSet<String> values = new TreeSet<>();
            report.hosts().forEach(r -> values.add(f.value().apply(r)));
            for (String v : values) {
                String label = f.attribute().equals("outcome") ? HostOutcome.valueOf(v).label() : v.isEmpty() ? "(none)" : v;
                h.append("<option value=\"").append(esc(v)).append("\">").append(esc(label)).append("</option>");
            }
            h.append("</select></label>");
        }
        h.append("<label>Host <input type=\"search\" id=\"host-search\" placeholder=\"id or name\"></label>")
                .append("<span class=\"muted small\" id=\"host-count\">").append(n).append(" hosts</span></div>\n")
                .append("<div class=\"tablebox\"><table class=\"hosts\" id=\"host-table\">\n<thead><tr>")
                .append("<th data-sort=\"text\">Host</th><th data-sort=\"text\">Status</th><th data-sort=\"text\">Distro</th>");
        for (Filter f : filters.subList(2, filters.size())) {
            h.append("<th data-sort=\"text\">").append(esc(f.label())).append("</th>");
        }
        h.append("<th data-sort=\"num\">Pending</th><th data-sort=\"num\">Installed</th><th data-sort=\"num\">Held</th>")
                .append("<th data-sort=\"num\">Rejected</th><th data-sort=\"num\" data-col=\"run\">Run s</th><th data-sort=\"text\">Advisor</th>")
                .append("<th data-sort=\"text\">Root cause</th></tr></thead>\n<tbody>\n");
        for (HostResult r : report.hosts()) {
            h.append("<tr data-host=\"").append(esc(r.instanceId())).append("\" data-name=\"").append(esc(r.hostname())).append('"');
            for (Filter f : filters) {
                h.append(" data-").append(f.attribute()).append("=\"").append(esc(f.value().apply(r))).append('"');
            }
            h.append("><td data-l=\"Host\"><a href=\"#host-").append(esc(r.instanceId())).append("\">")
                    .append(esc(r.instanceId())).append("</a>")
                    .append(r.hostname().isEmpty() ? "" : " <span class=\"muted small\">" + esc(r.hostname()) + "</span>")
                    .append("</td><td data-l=\"Status\" data-v=\"").append(r.outcome().ordinal()).append(r.outcome().name())
                    .append("\"><span class=\"badge o-").append(r.outcome().name()).append("\">").append(esc(r.outcome().label()))
                    .append("</span></td><td data-l=\"Distro\">").append(esc(r.distro())).append("</td>");
            for (Filter f : filters.subList(2, filters.size())) {
                h.append("<td data-l=\"").append(esc(f.label())).append("\">").append(esc(f.value().apply(r))).append("</td>");
            }
            boolean ran = r.outcome() != HostOutcome.NOT_STARTED;
            num(h, "Pending", r.discovered().size());
            num(h, "Installed", r.installed().size());
            num(h, "Held", r.held().size());
            num(h, "Rejected", r.rejected().size());
            h.append("<td data-l=\"Run s\" class=\"n\" data-v=\"").append(r.durationMillis()).append("\">")
                    .append(ran ? String.format(Locale.ROOT, "%.1f", r.durationMillis() / 1000.0) : "-").append("</td>")
                    .append("<td data-l=\"Advisor\">").append(esc(ran ? r.advisorLabel() : "-"))
                    .append("</td><td data-l=\"Root cause\">")
                    .append(r.insight() == null ? "" : esc(r.insight().rootCause())).append("</td></tr>\n");
        }
        h.append("</tbody></table></div></section>\n");
    }

    private static void num(StringBuilder h, String label, int value) {
        h.append("<td data-l=\"").append(label).append("\" class=\"n\">").append(value).append("</td>");
    }

    /** The record component's value as text, or null when HostResult has no such component. */
    static Function<HostResult, String> component(String name) {
        for (RecordComponent c : HostResult.class.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return r -> {
                    try {
                        Object v = c.getAccessor().invoke(r);
                        return v == null ? "" : v.toString();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read HostResult." + name, e);
                    }
                };
            }
        }
        return null;
    }
}
