package io.patchctl.core.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.approval.ExceptionStatus;
import io.patchctl.core.report.AdvisorSection;
import io.patchctl.core.report.RunReport;
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
 * @param exceptions     the policy exceptions as the host's run saw them (RunReport {@code exceptions.entries})
 * @param quarantine     what the per-update circuit breaker held on this host, or what this host quarantined
 * @param ring           the rollout ring of the host's run (RunReport {@code ring}); null (absent from the JSON) without one
 */
public record HostResult(String instanceId, String hostname, String environment, HostOutcome outcome,
                         Integer exitCode, String timestamp, long durationMillis, List<PendingUpdate> discovered,
                         List<String> installed, List<HeldItem> held, List<HeldItem> rejected, String advisorKind,
                         String modelId, String fallbackReason, String planCache, String error, String runReportKey,
                         Insight insight, Instant startedAt, Instant finishedAt, String distro,
                         List<ExceptionStatus> exceptions, HostQuarantine quarantine,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         String ring) {

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
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        quarantine = quarantine == null ? HostQuarantine.NONE : quarantine;
    }

    /**
     * Reads a stored RunReport: through the typed {@link RunReport} when it is one, field by field
     * otherwise (reports of older agents, hand-written or partly damaged ones), so that one bad field
     * never hides a host from the fleet report.
     */
    public static HostResult fromRunReport(String key, JsonNode run) {
        if (run == null || !run.path("exit_code").canConvertToInt()) {
            return fromJsonTolerantly(key, run); // the typed record would read a missing exit code as 0
        }
        RunReport typed;
        try {
            typed = Json.mapper().treeToValue(run, RunReport.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return fromJsonTolerantly(key, run);
        }
        return fromRunReport(key, typed);
    }

    /** The host as one typed RunReport shows it. */
    public static HostResult fromRunReport(String key, RunReport run) {
        AdvisorSection advisor = run.advisor();
        return builder().instanceId(run.instanceId() == null ? "unknown" : run.instanceId()).hostname(run.hostname())
                .environment(run.environment()).outcome(HostOutcome.parse(run.status().name())).exitCode(run.exitCode())
                .timestamp(run.timestamp().toString()).durationMillis(run.durationMillis())
                .discovered(run.discovered().stream().map(u -> new PendingUpdate(u.advisoryId(), u.severity(), u.cves(),
                        nonNull(u.name()), nonNull(u.installedEvr()), nonNull(u.availableEvr()))).toList())
                .installed(run.apply().installed())
                .held(run.held().stream().map(h -> new HeldItem(nonNull(h.packageName()), nonNull(h.reason()))).toList())
                .rejected(run.rejected().stream().map(r -> new HeldItem(nonNull(r.item()), nonNull(r.reason()))).toList())
                .advisorKind(advisor == null ? "" : advisor.kind())
                .modelId(advisor == null ? null : advisor.modelId())
                .fallbackReason(advisor == null ? null : advisor.fallbackReason())
                .planCache(advisor == null ? "" : advisor.planCache().id())
                .error(firstNonBlank(run.error(), run.apply().error(), run.transactionTest().error()))
                .runReportKey(key).distro(distroName(run.distro().name(), run.distro().id(), run.distro().versionId()))
                .exceptions(run.exceptions() == null ? List.of() : run.exceptions().entries())
                .quarantine(HostQuarantine.of(run.quarantine(), run.instanceId()))
                .ring(run.ring())
                .build();
    }

    /** Reads RunReport JSON field by field: missing or mistyped fields become empty values. */
    static HostResult fromJsonTolerantly(String key, JsonNode run) {
        JsonNode advisor = JsonFields.object(run, "advisor");
        JsonNode apply = JsonFields.object(run, "apply");
        JsonNode test = JsonFields.object(run, "transaction_test");
        JsonNode distro = JsonFields.object(run, "distro");
        return builder()
                .instanceId(JsonFields.text(run, "instance_id", "unknown"))
                .hostname(JsonFields.text(run, "hostname", ""))
                .environment(JsonFields.text(run, "environment", ""))
                .outcome(HostOutcome.parse(JsonFields.text(run, "status")))
                .exitCode(JsonFields.integerOrNull(run, "exit_code"))
                .timestamp(JsonFields.text(run, "timestamp", ""))
                .durationMillis(JsonFields.number(run, "duration_millis"))
                .discovered(JsonFields.list(run, "discovered", HostResult::update))
                .installed(JsonFields.strings(apply, "installed"))
                .held(JsonFields.list(run, "held", item -> held(item, "package_name")))
                .rejected(JsonFields.list(run, "rejected", item -> held(item, "item")))
                .advisorKind(JsonFields.text(advisor, "kind", ""))
                .modelId(JsonFields.text(advisor, "model_id"))
                .fallbackReason(JsonFields.text(advisor, "fallback_reason"))
                .planCache(JsonFields.text(advisor, "plan_cache", ""))
                .error(firstNonBlank(JsonFields.text(run, "error"), JsonFields.text(apply, "error"), JsonFields.text(test, "error")))
                .runReportKey(key)
                .distro(distroName(JsonFields.text(distro, "name", ""), JsonFields.text(distro, "id", ""),
                        JsonFields.text(distro, "version_id", "")))
                .exceptions(JsonFields.list(JsonFields.object(run, "exceptions"), "entries", HostResult::exception))
                .quarantine(HostQuarantine.fromJson(run.get("quarantine"), JsonFields.text(run, "instance_id", "unknown")))
                .ring(JsonFields.text(run, "ring"))
                .build();
    }

    /** A host the cycle never started (max-errors reached) or whose agent left no report. */
    public static HostResult withoutRun(String instanceId, String environment, HostOutcome outcome, String error) {
        return builder().instanceId(instanceId).environment(environment).outcome(outcome).error(error).build();
    }

    public HostResult withInsight(Insight value) {
        return toBuilder().insight(value).build();
    }

    /** The host's slot in a simulated cycle, as the scheduler measured it. */
    public HostResult withSchedule(Instant started, Instant finished) {
        return toBuilder().startedAt(started).finishedAt(finished).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .instanceId(instanceId).hostname(hostname).environment(environment).outcome(outcome).exitCode(exitCode)
                .timestamp(timestamp).durationMillis(durationMillis).discovered(discovered).installed(installed)
                .held(held).rejected(rejected).advisorKind(advisorKind).modelId(modelId).fallbackReason(fallbackReason)
                .planCache(planCache).error(error).runReportKey(runReportKey).insight(insight).startedAt(startedAt)
                .finishedAt(finishedAt).distro(distro).exceptions(exceptions).quarantine(quarantine).ring(ring);
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

    /** "Rocky Linux 9.3" from os-release NAME (or ID) and VERSION_ID; "" if unknown. */
    private static String distroName(String name, String id, String version) {
        String base = nonNull(name).isEmpty() ? nonNull(id) : name;
        String v = nonNull(version);
        return base.isEmpty() ? "" : (v.isEmpty() ? base : base + " " + v);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
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

    /** One exception entry of an older or damaged report: unreadable entries are left out, the host is not. */
    private static ExceptionStatus exception(JsonNode item) {
        try {
            ExceptionStatus e = item.isObject() ? Json.mapper().treeToValue(item, ExceptionStatus.class) : null;
            return e == null || e.match() == null || e.value() == null || e.state() == null ? null : e;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
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

    /** Builds a {@link HostResult}; {@code instanceId} and {@code outcome} are required, texts default to "". */
    public static final class Builder {
        private String instanceId;
        private String hostname;
        private String environment;
        private HostOutcome outcome;
        private Integer exitCode;
        private String timestamp;
        private long durationMillis;
        private List<PendingUpdate> discovered;
        private List<String> installed;
        private List<HeldItem> held;
        private List<HeldItem> rejected;
        private String advisorKind;
        private String modelId;
        private String fallbackReason;
        private String planCache;
        private String error;
        private String runReportKey;
        private Insight insight;
        private Instant startedAt;
        private Instant finishedAt;
        private String distro;
        private List<ExceptionStatus> exceptions;
        private HostQuarantine quarantine;
        private String ring;

        private Builder() {
        }

        public Builder ring(String ring) {
            this.ring = ring;
            return this;
        }

        public Builder exceptions(List<ExceptionStatus> exceptions) {
            this.exceptions = exceptions;
            return this;
        }

        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder outcome(HostOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder exitCode(Integer exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        public Builder timestamp(String timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder durationMillis(long durationMillis) {
            this.durationMillis = durationMillis;
            return this;
        }

        public Builder discovered(List<PendingUpdate> discovered) {
            this.discovered = discovered;
            return this;
        }

        public Builder installed(List<String> installed) {
            this.installed = installed;
            return this;
        }

        public Builder held(List<HeldItem> held) {
            this.held = held;
            return this;
        }

        public Builder rejected(List<HeldItem> rejected) {
            this.rejected = rejected;
            return this;
        }

        public Builder advisorKind(String advisorKind) {
            this.advisorKind = advisorKind;
            return this;
        }

        public Builder modelId(String modelId) {
            this.modelId = modelId;
            return this;
        }

        public Builder fallbackReason(String fallbackReason) {
            this.fallbackReason = fallbackReason;
            return this;
        }

        public Builder planCache(String planCache) {
            this.planCache = planCache;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Builder runReportKey(String runReportKey) {
            this.runReportKey = runReportKey;
            return this;
        }

        public Builder insight(Insight insight) {
            this.insight = insight;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder distro(String distro) {
            this.distro = distro;
            return this;
        }

        public Builder quarantine(HostQuarantine quarantine) {
            this.quarantine = quarantine;
            return this;
        }

        public HostResult build() {
            return new HostResult(instanceId, hostname, environment, outcome, exitCode, timestamp, durationMillis, discovered,
                    installed, held, rejected, advisorKind, modelId, fallbackReason, planCache, error, runReportKey, insight,
                    startedAt, finishedAt, distro, exceptions, quarantine, ring);
        }
    }
}
