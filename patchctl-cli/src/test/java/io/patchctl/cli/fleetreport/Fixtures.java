package io.patchctl.cli.fleetreport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.internal.json.Json;
import java.time.Instant;
import java.util.List;

/** RunReport and InsightReport JSON as the docs/design.md contract writes them, for report tests. */
final class Fixtures {

    static final Instant RUN_TIME = Instant.parse("2026-11-26T14:30:05Z");

    private Fixtures() {
    }

    static ObjectNode runReport(String instanceId, String status, int exitCode, List<String> installed,
                                String error) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("schema", "patchctl.run-report/v1");
        r.put("run_id", "0f0e5b1c-1111-4c2b-9d2a-" + String.format("%012d", Math.abs(instanceId.hashCode())));
        r.put("timestamp", RUN_TIME.toString());
        r.put("environment", "dev");
        r.put("instance_id", instanceId);
        r.put("hostname", "lab-" + instanceId.substring(instanceId.length() - 2));
        r.put("installroot", "/tmp/lab/" + instanceId);
        r.put("mode", "PATCH");
        r.put("status", status);
        r.put("exit_code", exitCode);
        ArrayNode discovered = r.putArray("discovered");
        discovered.add(update("RHSA-2026:1001", "Critical", "openssl-libs", "CVE-2026-0001"));
        discovered.add(update("RHSA-2026:1002", "Important", "curl", "CVE-2026-0002"));
        discovered.add(update("RHSA-2026:1003", "Important", "kernel-core", "CVE-2026-0003"));
        discovered.add(update("RHSA-2026:1004", "Moderate", "vim-minimal", "CVE-2026-0004"));
        ObjectNode advisor = r.putObject("advisor");
        advisor.put("kind", "rules");
        advisor.putNull("model_id");
        advisor.putNull("fallback_reason");
        advisor.put("plan_cache", "off");
        r.putArray("approved").add("openssl-libs").add("curl").add("vim-minimal");
        ArrayNode held = r.putArray("held");
        held.addObject().put("package_name", "kernel-core").put("reason", "policy holds kernel* (needs a reboot)");
        r.putArray("rejected");
        ObjectNode apply = r.putObject("apply");
        apply.put("ran", true);
        apply.put("success", error == null);
        apply.put("exit_code", error == null ? 0 : 1);
        ArrayNode inst = apply.putArray("installed");
        installed.forEach(inst::add);
        if (error == null) {
            apply.putNull("error");
        } else {
            apply.put("error", error);
        }
        r.putNull("reboot_needed");
        r.put("dnf_invocations", 4);
        r.put("duration_millis", 1234);
        if (error == null) {
            r.putNull("error");
        } else {
            r.put("error", error);
        }
        return r;
    }

    static ObjectNode update(String id, String severity, String name, String cve) {
        ObjectNode u = Json.mapper().createObjectNode();
        u.put("advisory_id", id);
        u.put("severity", severity);
        u.putArray("cves").add(cve);
        u.put("name", name);
        u.put("arch", "x86_64");
        u.put("installed_evr", "1.0-1.el8");
        u.put("available_evr", "1.0-2.el8");
        return u;
    }

    static ObjectNode insightReport(String instanceId, Instant eventTime, String rootCause, String summary) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("timestamp", eventTime.toString());
        r.put("environment", "dev");
        r.put("instance_id", instanceId);
        r.put("patch_status", "Failed");
        r.putObject("event").put("detail-type", "EC2 Command Invocation Status-change Notification");
        ObjectNode a = r.putObject("analysis");
        a.put("root_cause", rootCause);
        a.put("severity", "HIGH");
        a.putArray("immediate_actions").add("Inspect the %pre scriptlet of the failing package");
        a.putArray("dnf_commands").add("dnf history info last");
        a.putArray("aws_cli_commands").add("aws ssm list-command-invocations --instance-id " + instanceId
                + " --region us-east-2 --details");
        a.putArray("preventive_measures").add("Test package scriptlets in staging");
        a.put("escalate", false);
        a.put("summary", summary);
        r.put("analysis_source", "rules");
        r.putNull("model_id");
        r.put("schema", "patchctl.insight-report/v1");
        return r;
    }
}
