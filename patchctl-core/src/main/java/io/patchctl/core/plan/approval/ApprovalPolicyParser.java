package io.patchctl.core.plan.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.PackageGlob;
import io.patchctl.core.plan.PolicyException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code approve_after_days} and {@code exceptions} for {@link io.patchctl.core.plan.PolicyLoader},
 * as strictly as the rest of the policy: every error names the key (and the entry's index) and the form
 * expected. A malformed exception must never be dropped: it would silently let its update through.
 */
public final class ApprovalPolicyParser {

    /**
     * Patch Manager's own bound for ApproveAfterDays (the SSM API model's PatchRule: min 0, max 360,
     * botocore/data/ssm/2014-11-06/service-2.json); a larger number here is far more likely a typo.
     */
    public static final int MAX_DAYS = 360;

    private static final Map<String, Severity> SEVERITY_KEYS = Map.of("critical", Severity.CRITICAL,
            "important", Severity.IMPORTANT, "moderate", Severity.MODERATE, "low", Severity.LOW,
            "unrated", Severity.UNKNOWN);
    private static final List<String> SEVERITY_ORDER = List.of("critical", "important", "moderate", "low", "unrated");
    private static final Set<String> MATCH_KEYS = Set.of("package", "advisory", "cve");
    private static final List<String> ENTRY_KEYS = List.of("package", "advisory", "cve", "reason", "owner", "expires");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}", Pattern.CASE_INSENSITIVE);
    // RHSA-2024:4312, ALSA-2024:1234, ELSA-…, ALAS2023-2024-123, FEDORA-2024-0123abcd: what dnf prints
    private static final Pattern ADVISORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{1,99}");

    private ApprovalPolicyParser() {
    }

    /** {@code approve_after_days: {critical: 0, important: 3, moderate: 7, low: 14, unrated: 7}}. */
    public static Map<Severity, Integer> approveAfterDays(JsonNode node) {
        if (!node.isObject()) {
            throw new PolicyException("approve_after_days must be a mapping of severity to days, e.g. {important: 3, "
                    + "moderate: 7}; found " + kind(node));
        }
        Map<Severity, Integer> days = new EnumMap<>(Severity.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Severity severity = SEVERITY_KEYS.get(e.getKey());
            if (severity == null) {
                throw new PolicyException("approve_after_days: unknown severity '" + e.getKey() + "'; expected one of "
                        + SEVERITY_ORDER);
            }
            JsonNode n = e.getValue();
            if (!n.isInt() || n.intValue() < 0 || n.intValue() > MAX_DAYS) {
                throw new PolicyException("approve_after_days." + e.getKey() + " must be a whole number of days from 0 to "
                        + MAX_DAYS + ", found " + kind(n) + " " + n);
            }
            days.put(severity, n.intValue());
        }
        return days;
    }

    /** {@code exceptions: [{package|advisory|cve: …, reason: …, owner: …, expires: YYYY-MM-DD}, …]}. */
    public static List<Exemption> exceptions(JsonNode node) {
        if (!node.isArray()) {
            throw new PolicyException("exceptions must be a list of entries, each with one of package, advisory or cve"
                    + " plus reason, owner and expires; found " + kind(node));
        }
        List<Exemption> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode item : node) {
            entries.add(entry(index++, item));
        }
        return entries;
    }

    private static Exemption entry(int index, JsonNode item) {
        String at = "exceptions[" + index + "]";
        if (!item.isObject()) {
            throw new PolicyException(at + " must be a mapping with keys " + ENTRY_KEYS + ", found " + kind(item));
        }
        List<String> targets = new ArrayList<>();
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!ENTRY_KEYS.contains(key)) {
                throw new PolicyException(at + ": unknown key '" + key + "'; expected " + ENTRY_KEYS);
            }
            if (MATCH_KEYS.contains(key)) {
                targets.add(key);
            }
        }
        if (targets.size() != 1) {
            throw new PolicyException(at + " must name exactly one of package, advisory or cve, found "
                    + (targets.isEmpty() ? "none" : String.join(" and ", targets)));
        }
        String targetKey = targets.get(0);
        String value = text(item, targetKey, at);
        Exemption.Target target = Exemption.Target.valueOf(targetKey.toUpperCase(Locale.ROOT));
        switch (target) {
            case PACKAGE -> {
                try {
                    value = PackageGlob.of(value).toString();
                } catch (IllegalArgumentException e) {
                    throw new PolicyException(at + ".package: " + e.getMessage(), e);
                }
            }
            case ADVISORY -> {
                if (!ADVISORY.matcher(value).matches()) {
                    throw new PolicyException(at + ".advisory must be an advisory id such as RHSA-2024:4312, found '"
                            + cap(value) + "'");
                }
            }
            case CVE -> {
                if (!CVE.matcher(value).matches()) {
                    throw new PolicyException(at + ".cve must be a CVE id CVE-YYYY-NNNN (four or more digits), found '"
                            + cap(value) + "'");
                }
                value = value.toUpperCase(Locale.ROOT);
            }
        }
        String reason = text(item, "reason", at);
        String owner = text(item, "owner", at);
        LocalDate expires = null;
        if (item.has("expires")) {
            JsonNode n = item.get("expires");
            String raw = n.isTextual() ? n.textValue().strip() : "";
            try {
                // ISO_LOCAL_DATE resolves strictly: 2026-02-30 is an error, not March 2nd
                expires = LocalDate.parse(raw, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw new PolicyException(at + ".expires must be a date YYYY-MM-DD (leave the key out for no expiry), found "
                        + kind(n) + " " + cap(n.toString()), e);
            }
        }
        return new Exemption(index, target, value, reason, owner, expires);
    }

    private static String text(JsonNode item, String key, String at) {
        JsonNode n = item.get(key);
        if (n == null) {
            throw new PolicyException(at + ": " + key + " is required");
        }
        if (!n.isTextual() || n.textValue().isBlank()) {
            throw new PolicyException(at + "." + key + " must be a non-empty string, found " + kind(n) + " " + cap(n.toString()));
        }
        return n.textValue().strip();
    }

    private static String cap(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static String kind(JsonNode n) {
        return n.isArray() ? "list" : n.isObject() ? "mapping" : n.isTextual() ? "string"
                : n.isNumber() ? "number" : n.isBoolean() ? "boolean" : "null";
    }
}
