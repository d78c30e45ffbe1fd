package io.patchctl.core.insights;

import com.fasterxml.jackson.databind.JsonNode;

import io.patchctl.core.insights.event.FailureEvent;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what the host itself said about the failure: its latest agent RunReport around the event
 * time, and the Run Command stdout/stderr that SSM wrote to the bucket. All text is redacted and
 * bounded before it leaves this class.
 */
final class ContextGatherer {

    private static final Logger LOG = LoggerFactory.getLogger(ContextGatherer.class);

    /** A RunReport older than this before the event is about another run. */
    static final Duration RUN_REPORT_MAX_AGE = Duration.ofHours(24);
    /** The agent stamps its report when the run starts; the event comes after it, but allow clock skew. */
    static final Duration RUN_REPORT_SKEW = Duration.ofMinutes(15);
    private static final int MAX_OUTPUT_OBJECTS = 6;

    private final ReportStore store;
    private final String environment;
    private final int tailBytes;

    ContextGatherer(ReportStore store, String environment, int tailBytes) {
        this.store = store;
        this.environment = environment;
        this.tailBytes = tailBytes;
    }

    Evidence gather(FailureEvent event) {
        if (event.instanceId() == null) {
            return Evidence.NONE;
        }
        Optional<String> runReportKey = latestRunReport(event);
        String excerpt = runReportKey.map(this::excerpt).orElse("");
        List<String> outputKeys = new ArrayList<>();
        String tail = "";
        if (event.commandId() != null) {
            outputKeys = commandOutputKeys(event);
            tail = LogTail.redactedTail(readOutputs(outputKeys), tailBytes);
        }
        return new Evidence(runReportKey.orElse(null), excerpt, outputKeys, tail);
    }

    private Optional<String> latestRunReport(FailureEvent event) {
        Instant newest = event.eventTime().plus(RUN_REPORT_SKEW);
        Instant oldest = event.eventTime().minus(RUN_REPORT_MAX_AGE);
        return store.list(ReportKeys.runReportPrefix(environment, event.instanceId())).stream()
                .filter(key -> {
                    Instant t = keyTime(key);
                    return t != null && !t.isAfter(newest) && !t.isBefore(oldest);
                })
                .max(Comparator.naturalOrder());
    }

    /** The time in a key's file name ({@code yyyyMMdd'T'HHmmss'Z'…}), or null when it has none. */
    static Instant keyTime(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.length() < 16) {
            return null;
        }
        try {
            return ReportKeys.TIMESTAMP.parse(name.substring(0, 16), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The RunReport's status and error fields, one per line, redacted. */
    private String excerpt(String key) {
        Optional<byte[]> body = store.get(key);
        if (body.isEmpty()) {
            return "";
        }
        JsonNode report;
        try {
            report = Json.mapper().readTree(body.get());
        } catch (IOException e) {
            LOG.warn("unreadable RunReport, ignored: key={} error={}", key, e.getMessage());
            return "(the RunReport " + key + " is not valid JSON)";
        }
        StringBuilder b = new StringBuilder();
        field(b, "status", report.path("status"));
        field(b, "exit_code", report.path("exit_code"));
        field(b, "mode", report.path("mode"));
        // the analyst must name the host's real distribution (a Rocky 9 host is not "RHEL 8")
        field(b, "distro", report.path("distro").path("pretty_name"));
        field(b, "error", report.path("error"));
        field(b, "approved", report.path("approved"));
        field(b, "transaction_test.success", report.path("transaction_test").path("success"));
        field(b, "transaction_test.error", report.path("transaction_test").path("error"));
        field(b, "apply.success", report.path("apply").path("success"));
        field(b, "apply.exit_code", report.path("apply").path("exit_code"));
        field(b, "apply.error", report.path("apply").path("error"));
        field(b, "verification.remaining_allowed", report.path("verification").path("remaining_allowed"));
        JsonNode tail = report.path("apply").path("output_tail");
        if (tail.isTextual() && !tail.textValue().isBlank()) {
            b.append("apply.output_tail:\n").append(LogTail.tail(tail.textValue(), tailBytes / 2)).append('\n');
        }
        hooks(b, report.path("hooks"));
        return Redactor.redact(b.toString().strip());
    }

    /**
     * The failing hooks' words and the rollback they triggered, after dnf's output: the classifier reads a
     * line before dnf's "Complete!" as survived, and at equal strength the last line wins, so the rollback's
     * outcome comes last.
     */
    private static void hooks(StringBuilder b, JsonNode hooks) {
        for (JsonNode hook : hooks.path("results")) {
            if (!hook.path("success").asBoolean(true)) {
                field(b, "hooks." + hook.path("phase").asText() + ".error", hook.path("error"));
                field(b, "hooks." + hook.path("phase").asText() + ".output_tail", hook.path("output_tail"));
            }
        }
        JsonNode rollback = hooks.path("rollback");
        if (rollback.isObject()) {
            String id = rollback.path("transaction_id").isNumber() ? rollback.path("transaction_id").asText() : "(unknown)";
            b.append("hooks.rollback: ").append(rollback.path("success").asBoolean()
                    ? "rolled back dnf transaction " + id + ", restored " + rollback.path("restored")
                    : "rollback of dnf transaction " + id + " failed: " + rollback.path("error").asText()).append('\n');
        }
    }

    private static void field(StringBuilder b, String name, JsonNode value) {
        if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
            return;
        }
        b.append(name).append(": ").append(value.isTextual() ? value.textValue() : value.toString()).append('\n');
    }

    private List<String> commandOutputKeys(FailureEvent event) {
        List<String> keys = store.list(ReportKeys.commandOutputPrefix(environment, event.commandId(), event.instanceId()));
        // stdout before stderr, so dnf's error messages end up at the end of the tail.
        return keys.stream()
                .sorted(Comparator.comparing((String k) -> k.endsWith("stderr")).thenComparing(Comparator.naturalOrder()))
                .limit(MAX_OUTPUT_OBJECTS)
                .toList();
    }

    private String readOutputs(List<String> keys) {
        StringBuilder all = new StringBuilder();
        for (String key : keys) {
            store.get(key).ifPresent(bytes -> {
                // Only the end of each object matters; decoding a multi-megabyte log in full would be waste.
                int from = Math.max(0, bytes.length - tailBytes * 4);
                if (from > 0) {
                    // Start at a line boundary: a secret cut in half could escape the redaction patterns.
                    while (from < bytes.length && bytes[from - 1] != '\n') {
                        from++;
                    }
                }
                all.append("--- ").append(key.substring(key.lastIndexOf('/', key.lastIndexOf('/') - 1) + 1)).append(" ---\n")
                        .append(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8)).append('\n');
            });
        }
        return all.toString();
    }
}
