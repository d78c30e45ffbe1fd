package io.patchctl.core.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.sla.RunObservation;
import io.patchctl.core.sla.SlaReport;
import io.patchctl.core.sla.SlaTargets;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a fleet's latest state from a report store laid out as docs/design.md says: for each host the
 * newest RunReport under {@code bedrock-patch-runs/{env}/{instance}/} and the newest InsightReport
 * under {@code bedrock-patch-insights/{env}/{instance}/} made for that run or later; with
 * {@link #withSla} also every earlier run of a history window, for the SLA clocks. Unreadable
 * objects are listed as problems in the report rather than aborting it.
 */
public final class FleetReportLoader {

    static final String RUNS = "bedrock-patch-runs/";
    static final String INSIGHTS = "bedrock-patch-insights/";

    private final ReportStore store;
    private final Clock clock;
    private final SlaTargets sla;
    private final Duration historyWindow;

    public FleetReportLoader(ReportStore store, Clock clock) {
        this(store, clock, null, null);
    }

    private FleetReportLoader(ReportStore store, Clock clock, SlaTargets sla, Duration historyWindow) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sla = sla;
        this.historyWindow = historyWindow;
    }

    /**
     * A loader that also reads every run of the last {@code window} (one listing, each object read
     * once) and starts the SLA clocks from them; the latest run of each host is read whatever its age.
     */
    public FleetReportLoader withSla(SlaTargets targets, Duration window) {
        Objects.requireNonNull(targets, "targets");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("history window must be positive, got " + window);
        }
        return new FleetReportLoader(store, clock, targets, window);
    }

    /**
     * @param environment only this environment, or null for all
     * @param source      how to name the source in the report
     * @throws io.patchctl.core.store.StoreUnavailableException when the store cannot be listed
     */
    public FleetReport load(String environment, String source) {
        List<String> problems = new ArrayList<>();
        String runPrefix = environment == null ? RUNS : RUNS + environment + "/";
        String insightPrefix = environment == null ? INSIGHTS : INSIGHTS + environment + "/";

        List<String> runKeys = store.list(runPrefix);
        Map<String, String> latestRun = latestPerHost(runKeys);
        Map<String, String> latestInsight = latestPerHost(store.list(insightPrefix));

        Map<String, HostResult> hosts = new LinkedHashMap<>();
        List<RunObservation> history = new ArrayList<>();
        if (sla == null) {
            latestRun.forEach((host, key) -> read(key, problems)
                    .map(json -> HostResult.fromRunReport(key, json))
                    .ifPresent(result -> hosts.put(host, result)));
        } else {
            readHistory(runKeys, latestRun, problems, hosts, history);
        }
        latestInsight.forEach((host, key) -> read(key, problems).ifPresent(json -> {
            Insight insight = Insight.fromJson(key, json);
            HostResult run = hosts.get(host);
            if (run == null) {
                // A failure event with no RunReport: the agent never got far enough to write one.
                String[] parts = host.split("/");
                hosts.put(host, HostResult.withoutRun(parts[1], parts[0], HostOutcome.FAILED,
                        "no RunReport stored for this host").withInsight(insight));
            } else if (belongsToRun(insight, run)) {
                hosts.put(host, run.withInsight(insight));
            }
        }));
        String env = environment != null ? environment
                : hosts.values().stream().map(HostResult::environment).distinct().count() == 1
                ? hosts.values().iterator().next().environment() : "";
        FleetReport report = new FleetReport(clock.instant(), source, env, null, List.copyOf(hosts.values()), problems);
        return sla == null ? report : report.withSla(SlaReport.of(sla, clock.instant(), history));
    }

    /**
     * Every run of the history window, each object read once, oldest first: the latest of each host
     * also becomes its {@link HostResult}, every one a {@link RunObservation} for the SLA clocks.
     */
    private void readHistory(List<String> runKeys, Map<String, String> latestRun, List<String> problems,
                             Map<String, HostResult> hosts, List<RunObservation> history) {
        Map<String, String> hostOfLatest = new java.util.HashMap<>();
        latestRun.forEach((host, key) -> hostOfLatest.put(key, host));
        String oldest = ReportKeys.TIMESTAMP.format(clock.instant().minus(historyWindow));
        Map<String, HostResult> latest = new TreeMap<>();
        for (String key : runKeys.stream().sorted().toList()) {
            String host = hostOfLatest.get(key);
            if (host == null && !inHistory(key, oldest)) {
                continue;
            }
            read(key, problems).ifPresent(json -> {
                if (host != null) {
                    latest.put(host, HostResult.fromRunReport(key, json));
                }
                RunObservation seen = RunObservation.fromJson(json);
                if (seen != null) {
                    history.add(seen);
                }
            });
        }
        hosts.putAll(latest);
    }

    /** A run key of the layout (see {@link #latestPerHost}) whose file name is not older than {@code oldest}. */
    private static boolean inHistory(String key, String oldest) {
        String[] parts = key.split("/");
        if (parts.length != 4 || !parts[3].endsWith(".json") || parts[2].startsWith("_") || parts[1].startsWith("_")) {
            return false;
        }
        // file names start with yyyyMMdd'T'HHmmss'Z' (ReportKeys.TIMESTAMP): compared as text
        return parts[3].compareTo(oldest) >= 0;
    }

    /** An analysis older than the host's latest run explains an earlier failure, not this one. */
    private static boolean belongsToRun(Insight insight, HostResult run) {
        String runTime = run.timestamp();
        String eventTime = insight.timestamp();
        if (runTime.isEmpty() || eventTime.isEmpty()) {
            return true;
        }
        try {
            return !java.time.Instant.parse(eventTime).isBefore(
                    java.time.Instant.parse(runTime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }

    /** Keys "prefix/{env}/{instance}/{time}….json" grouped by "env/instance", keeping the newest. */
    static Map<String, String> latestPerHost(List<String> keys) {
        Map<String, String> latest = new TreeMap<>();
        for (String key : keys) {
            String[] parts = key.split("/");
            if (parts.length != 4 || !parts[3].endsWith(".json") || parts[2].startsWith("_") || parts[1].startsWith("_")) {
                continue; // _rejected/, _signatures/ and anything outside the layout
            }
            // file names start with yyyyMMdd'T'HHmmss'Z': the lexicographically last is the newest
            latest.merge(parts[1] + "/" + parts[2], key, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return latest;
    }

    private Optional<JsonNode> read(String key, List<String> problems) {
        Optional<byte[]> body = store.get(key);
        if (body.isEmpty()) {
            problems.add(key + ": listed but gone when read");
            return Optional.empty();
        }
        try {
            JsonNode json = Json.mapper().readTree(body.get());
            if (json == null || !json.isObject()) {
                problems.add(key + ": not a JSON object");
                return Optional.empty();
            }
            return Optional.of(json);
        } catch (JsonProcessingException e) {
            problems.add(key + ": not valid JSON (" + e.getOriginalMessage() + ")");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(key + ": unreadable (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
