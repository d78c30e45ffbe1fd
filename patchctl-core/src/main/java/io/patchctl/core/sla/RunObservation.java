package io.patchctl.core.sla;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.advisory.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one stored RunReport says about a host's CVEs, read field by field (old or damaged reports
 * give what they have). Only the few fields the SLA clocks need are kept, so a long history stays small.
 *
 * @param instanceId  i-…
 * @param environment dev, prod, …
 * @param timestamp   when the run happened
 * @param status      the run's status name (COMPLIANT, FAILED, …)
 * @param observed    false when the run says nothing about pending updates (it failed before or during
 *                    discovery): such a run neither opens nor fixes a clock
 * @param pending     CVE → exposure, as discovery reported before the install
 * @param installed   NEVRAs the transaction installed ({@code apply.installed})
 * @param remaining   package names verification still found pending after the install
 * @param held        package name → hold reason
 * @param error       the run's error, or null
 */
public record RunObservation(String instanceId, String environment, Instant timestamp, String status, boolean observed,
                             Map<String, Exposure> pending, Set<String> installed, Set<String> remaining,
                             Map<String, String> held, String error) {

    public RunObservation {
        pending = Map.copyOf(pending);
        installed = Set.copyOf(installed);
        remaining = Set.copyOf(remaining);
        held = Map.copyOf(held);
    }

    /** "env/instance": one host's history. */
    public String hostKey() {
        return environment + "/" + instanceId;
    }

    /** @return null when the JSON is no RunReport (no instance id or no readable timestamp) */
    public static RunObservation fromJson(JsonNode run) {
        String instance = text(run, "instance_id");
        Instant at;
        try {
            at = Instant.parse(text(run, "timestamp"));
        } catch (DateTimeParseException e) {
            return null;
        }
        if (instance.isEmpty()) {
            return null;
        }
        String status = text(run, "status");
        Map<String, Exposure> pending = exposures(run.path("discovered"));
        // A failed run with nothing discovered most likely failed before discovery finished.
        boolean observed = !("FAILED".equals(status) && pending.isEmpty()) && !"CANCELLED".equals(status);
        Set<String> remaining = new HashSet<>(strings(run.path("verification").path("remaining_allowed")));
        remaining.addAll(strings(run.path("verification").path("remaining_held")));
        Map<String, String> held = new LinkedHashMap<>();
        for (JsonNode h : run.path("held")) {
            String name = h.isTextual() ? h.asText() : text(h, "package_name");
            if (!name.isEmpty()) {
                held.putIfAbsent(name, h.isTextual() ? "" : text(h, "reason"));
            }
        }
        String error = firstNonBlank(text(run, "error"), text(run.path("apply"), "error"),
                text(run.path("transaction_test"), "error"));
        return new RunObservation(instance, text(run, "environment"), at, status, observed, pending,
                new HashSet<>(strings(run.path("apply").path("installed"))), remaining, held, error);
    }

    private static Map<String, Exposure> exposures(JsonNode discovered) {
        Map<String, Severity> severity = new TreeMap<>();
        Map<String, LocalDate> issued = new TreeMap<>();
        Map<String, Set<String>> advisories = new TreeMap<>();
        Map<String, Set<String>> packages = new TreeMap<>();
        for (JsonNode u : discovered) {
            String advisory = text(u, "advisory_id");
            String name = text(u, "name");
            if (advisory.isEmpty() || name.isEmpty()) {
                continue;
            }
            List<String> cves = strings(u.path("cves"));
            Severity s = Severity.parse(text(u, "severity"));
            LocalDate date = date(text(u, "issued"));
            for (String cve : cves.isEmpty() ? List.of(advisory) : cves) {
                severity.merge(cve, s, (a, b) -> Comparator.<Severity>naturalOrder().compare(a, b) <= 0 ? a : b);
                if (date != null) {
                    issued.merge(cve, date, (a, b) -> a.isBefore(b) ? a : b);
                }
                advisories.computeIfAbsent(cve, k -> new LinkedHashSet<>()).add(advisory);
                packages.computeIfAbsent(cve, k -> new LinkedHashSet<>()).add(name);
            }
        }
        Map<String, Exposure> out = new LinkedHashMap<>();
        severity.forEach((cve, s) -> out.put(cve, new Exposure(cve, s, issued.get(cve), advisories.get(cve), packages.get(cve))));
        return out;
    }

    private static LocalDate date(String text) {
        if (text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode n : array) {
            if (n.isTextual() && !n.asText().isBlank()) {
                out.add(n.asText());
            }
        }
        return out;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (!v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
