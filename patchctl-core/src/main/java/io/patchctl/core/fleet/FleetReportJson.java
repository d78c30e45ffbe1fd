package io.patchctl.core.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.sla.SlaJson;
import java.util.Locale;

/** {@code fleet-report.json}: the same content as the HTML page, for scripts (snake_case like every patchctl JSON). */
public final class FleetReportJson {

    public ObjectNode toJson(FleetReport report) {
        ObjectMapper mapper = Json.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", FleetReport.SCHEMA);
        root.put("generated_at", report.generatedAt().toString());
        root.put("source", report.source());
        root.put("environment", report.environment());
        if (report.cycle() != null) {
            ObjectNode cycle = mapper.valueToTree(report.cycle());
            cycle.put("hosts_per_minute", Math.round(report.cycle().hostsPerMinute(report.hostsRun()) * 10) / 10.0);
            root.set("cycle", cycle);
        } else {
            root.putNull("cycle");
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("hosts", report.hosts().size());
        ObjectNode outcomes = summary.putObject("outcomes");
        report.outcomes().forEach((o, n) -> outcomes.put(o.name(), n));
        ObjectNode advisories = summary.putObject("advisories_by_severity");
        report.advisoriesBySeverity().forEach((s, n) -> advisories.put(s.name(), n));
        ObjectNode hostUpdates = summary.putObject("host_updates_by_severity");
        report.hostUpdatesBySeverity().forEach((s, n) -> hostUpdates.put(s.name(), n));
        summary.put("installed", report.installedCount());
        summary.put("held", report.heldCount());
        summary.put("rejected", report.rejectedCount());
        summary.put("failure_analyses", report.insightCount());
        ObjectNode advisors = summary.putObject("advisors");
        report.advisors().forEach((label, n) -> advisors.put(label.toLowerCase(Locale.ROOT), n));
        root.set("exceptions", mapper.valueToTree(report.exceptions()));
        root.set("quarantine", mapper.valueToTree(FleetQuarantine.of(report.hosts())));
        root.set("hosts", mapper.valueToTree(report.hosts()));
        root.set("problems", mapper.valueToTree(report.problems()));
        if (report.sla() != null) {
            root.set("sla", new SlaJson().toJson(report.sla()));
        }
        return root;
    }

    public byte[] bytes(FleetReport report) {
        return Json.bytes(toJson(report));
    }
}
