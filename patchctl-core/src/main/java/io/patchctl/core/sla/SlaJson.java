package io.patchctl.core.sla;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.internal.json.Json;
import java.util.Locale;

/** The {@code sla} section of fleet-report.json: the same figures the page shows, for dashboards. */
public final class SlaJson {

    /** Overdue clocks listed in full up to this many; {@code overdue_total} always counts them all. */
    public static final int MAX_OVERDUE_LISTED = 1000;

    public ObjectNode toJson(SlaReport sla) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("now", sla.now().toString());
        root.put("runs_read", sla.runs());
        root.put("clocks", sla.clocks().size());
        ObjectNode targets = root.putObject("targets_days");
        sla.targets().asMap().forEach((s, d) -> targets.put(s.name().toLowerCase(Locale.ROOT), d));
        ObjectNode severities = root.putObject("by_severity");
        sla.figures().forEach((s, f) -> {
            ObjectNode n = severities.putObject(s.name());
            n.put("sla_days", f.slaDays());
            n.put("fixed", f.fixed());
            n.put("open", f.open());
            n.put("overdue", f.overdue());
            n.put("fixed_late", f.fixedLate());
            if (f.medianDays() == null) {
                n.putNull("median_days_to_fix");
                n.putNull("p90_days_to_fix");
            } else {
                n.put("median_days_to_fix", f.medianDays());
                n.put("p90_days_to_fix", f.p90Days());
            }
            n.put("hosts", f.hosts());
            n.put("hosts_within_sla", f.hostsWithin());
            n.put("share_hosts_within_sla", Math.round(f.shareWithin() * 1000) / 1000.0);
        });
        var overdue = sla.overdue();
        root.put("overdue_total", overdue.size());
        ArrayNode list = root.putArray("overdue");
        overdue.stream().limit(MAX_OVERDUE_LISTED).forEach(c -> {
            ObjectNode n = list.addObject();
            n.put("cve", c.cve());
            n.put("instance_id", c.instanceId());
            n.put("environment", c.environment());
            n.put("severity", c.severity().name());
            n.put("days_open", c.days());
            n.put("sla_days", c.slaDays());
            n.put("clock_start", c.clockStart().toString());
            n.put("clock_start_from", c.issued() == null ? "first_seen" : "advisory_date");
            n.put("first_seen", c.firstSeen().toString());
            n.put("why", c.why());
            n.set("advisories", Json.mapper().valueToTree(c.advisories().stream().sorted().toList()));
            n.set("packages", Json.mapper().valueToTree(c.packages().stream().sorted().toList()));
        });
        ArrayNode cycles = root.putArray("cycles");
        sla.cycles().forEach(p -> {
            ObjectNode n = cycles.addObject();
            n.put("end", p.end().toString());
            n.put("runs", p.runs());
            n.put("open_critical", p.openCritical());
            n.put("open_important", p.openImportant());
            n.put("distinct_critical_cves", p.distinctCritical());
            n.put("distinct_important_cves", p.distinctImportant());
        });
        return root;
    }
}
