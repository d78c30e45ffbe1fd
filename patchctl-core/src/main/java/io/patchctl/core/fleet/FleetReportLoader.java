package io.patchctl.core.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.ReportStore;
import java.io.IOException;
import java.time.Clock;
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
 * under {@code bedrock-patch-insights/{env}/{instance}/} made for that run or later. Unreadable
 * objects are listed as problems in the report rather than aborting it.
 */
public final class FleetReportLoader {

    static final String RUNS = "bedrock-patch-runs/";
    static final String INSIGHTS = "bedrock-patch-insights/";

    private final ReportStore store;
    private final Clock clock;

    public FleetReportLoader(ReportStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
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

        Map<String, String> latestRun = latestPerHost(store.list(runPrefix));
        Map<String, String> latestInsight = latestPerHost(store.list(insightPrefix));

        Map<String, HostResult> hosts = new LinkedHashMap<>();
        latestRun.forEach((host, key) -> read(key, problems)
                .map(json -> HostResult.fromRunReport(key, json))
                .ifPresent(result -> hosts.put(host, result)));
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
        return new FleetReport(clock.instant(), source, env, null, List.copyOf(hosts.values()), problems);
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
