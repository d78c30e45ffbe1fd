package io.patchctl.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.advisory.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One host of the fleet report: what its agent run found and did, and the analysis of its failure.
 *
 * @param instanceId     i-…
 * @param hostname       host name from the RunReport (may be empty)
 * @param environment    dev, prod, …
 * @param outcome        compliant, non-compliant, failed, not started
 * @param exitCode       the agent's exit code, null if it never ran
 * @param timestamp      the run's timestamp (ISO instant), empty if it never ran
 * @param durationMillis run time
 * @param discovered     pending security updates found
 * @param installed      NEVRAs installed
 * @param held           held packages with reasons
 * @param rejected       advisor proposals refused by PolicyGuard, with reasons
 * @param advisorKind    rules, bedrock or cache
 * @param modelId        the model used by the advisor, if any
 * @param fallbackReason why a model advisor fell back to rules, if it did
 * @param planCache      hit, miss or off
 * @param error          the run's error text (dnf's message) if it failed
 * @param runReportKey   where the RunReport is stored, empty if none
 * @param insight        the failure analysis, or null
 * @param startedAt      when a simulated cycle launched the host (null outside simulate or if never started)
 * @param finishedAt     when it finished (null likewise)
 * @param distro         the distribution the RunReport names ("Rocky Linux 9.3"), empty if unknown
 */
public record HostResult(String instanceId, String hostname, String environment, HostOutcome outcome,
                         Integer exitCode, String timestamp, long durationMillis, List<PendingUpdate> discovered,
                         List<String> installed, List<HeldItem> held, List<HeldItem> rejected, String advisorKind,
                         String modelId, String fallbackReason, String planCache, String error, String runReportKey,
                         Insight insight, Instant startedAt, Instant finishedAt, String distro) {

    public HostResult {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(outcome, "outcome");
        hostname = hostname == null ? "" : hostname;
        environment = environment == null ? "" : environment;
        timestamp = timestamp == null ? "" : timestamp;
        discovered = discovered == null ? List.of() : List.copyOf(discovered);
        installed = installed == null ? List.of() : List.copyOf(installed);
        held = held == null ? List.of() : List.copyOf(held);
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        advisorKind = advisorKind == null ? "" : advisorKind;
        planCache = planCache == null ? "" : planCache;
        runReportKey = runReportKey == null ? "" : runReportKey;
        distro = distro == null ? "" : distro;
    }

    /** Reads a RunReport (the JSON contract of docs/design.md) tolerantly. */
    public static HostResult fromRunReport(String key, JsonNode run) {
        JsonNode advisor = JsonFields.object(run, "advisor");
        JsonNode apply = JsonFields.object(run, "apply");
        JsonNode test = JsonFields.object(run, "transaction_test");
        String error = firstNonBlank(JsonFields.text(run, "error"), JsonFields.text(apply, "error"),
                JsonFields.text(test, "error"));
        return new HostResult(
                JsonFields.text(run, "instance_id", "unknown"),
                JsonFields.text(run, "hostname", ""),
                JsonFields.text(run, "environment", ""),
                HostOutcome.parse(JsonFields.text(run, "status")),
                JsonFields.integerOrNull(run, "exit_code"),
                JsonFields.text(run, "timestamp", ""),
                JsonFields.number(run, "duration_millis"),
                JsonFields.list(run, "discovered", HostResult::update),
                JsonFields.strings(apply, "installed"),
                JsonFields.list(run, "held", item -> held(item, "package_name")),
                JsonFields.list(run, "rejected", item -> held(item, "item")),
                JsonFields.text(advisor, "kind", ""),
                JsonFields.text(advisor, "model_id"),
                JsonFields.text(advisor, "fallback_reason"),
                JsonFields.text(advisor, "plan_cache", ""),
                error,
                key,
                null, null, null,
                distroName(JsonFields.object(run, "distro")));
    }

    /** A host the cycle never started (max-errors reached) or whose agent left no report. */
    public static HostResult withoutRun(String instanceId, String environment, HostOutcome outcome, String error) {
        return new HostResult(instanceId, "", environment, outcome, null, "", 0, List.of(), List.of(), List.of(),
                List.of(), "", null, null, "", error, "", null, null, null, "");
    }

    public HostResult withInsight(Insight value) {
        return new HostResult(instanceId, hostname, environment, outcome, exitCode, timestamp, durationMillis,
                discovered, installed, held, rejected, advisorKind, modelId, fallbackReason, planCache, error,
                runReportKey, value, startedAt, finishedAt, distro);
    }

    /** The host's slot in a simulated cycle, as the scheduler measured it. */
    public HostResult withSchedule(Instant started, Instant finished) {
        return new HostResult(instanceId, hostname, environment, outcome, exitCode, timestamp, durationMillis,
                discovered, installed, held, rejected, advisorKind, modelId, fallbackReason, planCache, error,
                runReportKey, insight, started, finished, distro);
    }

    /** "Bedrock (claude…)", "Rules", "Rules (Bedrock fell back: THROTTLED)", "Plan cache". */
    public String advisorLabel() {
        String kind = advisorKind.isEmpty() ? "-" : advisorKind;
        String label = kind.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + kind.substring(1);
        if (fallbackReason != null && !fallbackReason.isBlank()) {
            label += " (fallback: " + fallbackReason + ")";
        }
        if ("hit".equals(planCache)) {
            label += " [cache]";
        }
        return label;
    }

    /** "Rocky Linux 9.3" from the RunReport's distro object (os-release NAME and VERSION_ID); "" if absent. */
    private static String distroName(JsonNode distro) {
        String name = JsonFields.text(distro, "name", "");
        String id = JsonFields.text(distro, "id", "");
        String version = JsonFields.text(distro, "version_id", "");
        String base = name.isEmpty() ? id : name;
        return base.isEmpty() ? "" : (version.isEmpty() ? base : base + " " + version);
    }

    private static PendingUpdate update(JsonNode item) {
        if (!item.isObject()) {
            return null;
        }
        return new PendingUpdate(JsonFields.text(item, "advisory_id", ""),
                Severity.parse(JsonFields.text(item, "severity")),
                JsonFields.strings(item, "cves"),
                JsonFields.text(item, "name", ""),
                JsonFields.text(item, "installed_evr", ""),
                JsonFields.text(item, "available_evr", ""));
    }

    private static HeldItem held(JsonNode item, String nameField) {
        if (item.isTextual()) {
            return new HeldItem(item.asText(), "");
        }
        if (!item.isObject()) {
            return null;
        }
        return new HeldItem(JsonFields.text(item, nameField, JsonFields.text(item, "package", "")),
                JsonFields.text(item, "reason", ""));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
