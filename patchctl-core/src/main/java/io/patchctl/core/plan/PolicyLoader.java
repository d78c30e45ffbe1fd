package io.patchctl.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.approval.ApprovalPolicyParser;
import io.patchctl.core.sla.SlaTargets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy file (YAML). Strict on purpose: an unknown key, a wrong type or an unknown
 * severity is an error naming the problem, never a silent default — a typo in
 * {@code hold_packages} must not quietly let kernel updates through.
 *
 * <pre>
 * hold_packages: ["kernel*", "openssh*"]   # globs; replaces the default ["kernel*"]
 * minimum_severity: moderate               # critical | important | moderate | low
 * hold_reboot_packages: false              # also hold glibc, systemd, dbus*, ...
 * max_packages: 0                          # 0 = no limit
 * release: locked                          # locked | latest (Amazon Linux 2023: --releasever=latest)
 * repair: report                           # report | fix: an unhealthy package database (duplicates,
 *                                          # dnf check problems, unfinished transaction)
 * approve_after_days: {critical: 0, important: 3, moderate: 7, low: 14, unrated: 7}
 * exceptions:                              # hold what an entry matches until it expires
 *   - cve: CVE-2024-6387                   # exactly one of package (glob), advisory, cve
 *     reason: "vendor build pending"       # required
 *     owner: alice@example.com             # required
 *     expires: 2026-12-15                  # YYYY-MM-DD, first day it no longer holds; optional
 * hooks:                                   # operator hooks, see HookPolicyParser and docs/cli.md
 *   post_install: {command: ["/usr/local/bin/health-check"], timeout_seconds: 60}
 * reboot: never                            # never | if-needed: install kernels, reboot through SSM (exit 194)
 * circuit_breaker: on                      # on | off: quarantine an update that fails on a host
 * quarantine_hours: 24                     # 1-720: how long such a quarantine lasts (the cycle)
 * </pre>
 * With {@code reboot: if-needed} and no {@code hold_packages} key, the default hold list is empty: the
 * default {@code ["kernel*"]} exists only because kernels need a reboot. A {@code hold_packages} written in
 * the file applies as written (so {@code ["kernel*"]} still holds kernels). {@code hold_reboot_packages: true}
 * with {@code reboot: if-needed} contradicts itself and is an error.
 * A key given twice, or a second YAML document, is an error: "last one wins" would let a stray
 * empty {@code hold_packages} approve kernel updates.
 * Keys left out keep their defaults ({@link PatchPolicy#defaults()}).
 */
public final class PolicyLoader {

    static final Set<String> KEYS = Set.of("hold_packages", "minimum_severity", "hold_reboot_packages", "max_packages",
            "release", "repair", "approve_after_days", "exceptions", "hooks", "reboot", "sla", "circuit_breaker",
            "quarantine_hours");

    // A duplicate key is an error, not "last one wins": `hold_packages` given twice with an empty
    // second list would otherwise silently approve kernel updates.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature()));

    private PolicyLoader() {
    }

    /** @throws PolicyException naming the file and the problem */
    public static PatchPolicy load(Path file) {
        return load(file, null);
    }

    /**
     * As {@link #load(Path)}, with {@code reboot} (when not null: {@code patchctl run --reboot}, the SSM
     * document's parameter) read exactly as a {@code reboot:} key of the file, replacing the file's own;
     * a null file is the built-in policy.
     *
     * @throws PolicyException naming the file and the problem
     */
    public static PatchPolicy load(Path file, String reboot) {
        if (file == null) {
            return reboot == null ? PatchPolicy.defaults() : parse("{}", "--reboot: ", reboot);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PolicyException("policy file " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new PolicyException("cannot read policy file " + file + ": " + e, e);
        }
        return parse(text, "policy file " + file + ": ", reboot);
    }

    /** @throws PolicyException naming the problem */
    public static PatchPolicy parse(String text) {
        return parse(text, "", null);
    }

    private static PatchPolicy parse(String text, String source, String rebootOverride) {
        try {
            return parseTree(text, rebootOverride);
        } catch (PolicyException e) {
            // every message names its source once, here
            throw source.isEmpty() ? e : new PolicyException(source + e.getMessage(), e.getCause());
        }
    }

    private static PatchPolicy parseTree(String text, String rebootOverride) {
        JsonNode root;
        try {
            root = text.isBlank() ? null : YAML.readerFor(JsonNode.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(text);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content")) {
                throw new PolicyException("is empty; expected a mapping with keys " + sorted(KEYS), e);
            }
            if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("Trailing token")) {
                throw new PolicyException("holds more than one YAML document; expected exactly one mapping", e);
            }
            throw new PolicyException("not valid YAML: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new PolicyException("key given twice: " + e.getOriginalMessage().replace("Duplicate field", "")
                        .strip() + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
                        + "; each key may appear once", e);
            }
            throw new PolicyException("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new PolicyException("is empty; expected a mapping with keys " + sorted(KEYS));
        }
        if (!root.isObject()) {
            throw new PolicyException("expected a mapping with keys " + sorted(KEYS) + ", found a " + kind(root));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new PolicyException("unknown key '" + key + "'; expected one of " + sorted(KEYS));
            }
        }
        if (rebootOverride != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root).put("reboot", rebootOverride);
        }
        // Keys left out keep the defaults the builder starts from; each key is read by one block.
        PatchPolicy.Builder policy = PatchPolicy.builder();
        if (root.has("hold_packages")) {
            policy.holdGlobs(globs(root.get("hold_packages")));
        }
        if (root.has("minimum_severity")) {
            policy.minimumSeverity(severity(root.get("minimum_severity")));
        }
        if (root.has("hold_reboot_packages")) {
            JsonNode n = root.get("hold_reboot_packages");
            if (!n.isBoolean()) {
                throw new PolicyException("hold_reboot_packages must be true or false, found " + describe(n));
            }
            policy.holdRebootPackages(n.booleanValue());
        }
        if (root.has("max_packages")) {
            JsonNode n = root.get("max_packages");
            if (!n.isInt() || n.intValue() < 0) {
                throw new PolicyException("max_packages must be a whole number >= 0 (0 = no limit), found " + describe(n));
            }
            policy.maxPackages(n.intValue());
        }
        if (root.has("release")) {
            policy.release(release(root.get("release")));
        }
        if (root.has("repair")) {
            JsonNode n = root.get("repair");
            String v = n.isTextual() ? n.textValue().strip().toLowerCase(Locale.ROOT) : "";
            switch (v) {
                case "report" -> policy.repair(PatchPolicy.RepairMode.REPORT);
                case "fix" -> policy.repair(PatchPolicy.RepairMode.FIX);
                default -> throw new PolicyException("repair must be report or fix, found " + describe(n));
            }
        }
        if (root.has("approve_after_days")) {
            policy.approveAfterDays(ApprovalPolicyParser.approveAfterDays(root.get("approve_after_days")));
        }
        if (root.has("exceptions")) {
            policy.exceptions(ApprovalPolicyParser.exceptions(root.get("exceptions")));
        }
        if (root.has("hooks")) {
            policy.hooks(HookPolicyParser.parse(root.get("hooks")));
        }
        if (root.has("sla")) {
            policy.sla(sla(root.get("sla")));
        }
        if (root.has("reboot")) {
            JsonNode n = root.get("reboot");
            String v = n.isTextual() ? n.textValue().strip().toLowerCase(Locale.ROOT) : "";
            switch (v) {
                case "never" -> policy.reboot(PatchPolicy.RebootMode.NEVER);
                case "if-needed" -> {
                    if (root.path("hold_reboot_packages").asBoolean(false)) {
                        throw new PolicyException("reboot: if-needed installs the updates hold_reboot_packages: true holds;"
                                + " set one of them, not both");
                    }
                    policy.reboot(PatchPolicy.RebootMode.IF_NEEDED);
                    if (!root.has("hold_packages")) {
                        // the default kernel* hold exists for the reboot; an explicit list applies as written
                        policy.holdGlobs(List.of());
                    }
                }
                default -> throw new PolicyException("reboot must be never or if-needed, found " + describe(n));
            }
        }
        if (root.has("circuit_breaker")) {
            // YAML 1.1 reads a bare on/off as a boolean: both spellings mean the same
            JsonNode n = root.get("circuit_breaker");
            String v = n.isBoolean() ? (n.booleanValue() ? "on" : "off")
                    : n.isTextual() ? n.textValue().strip().toLowerCase(Locale.ROOT) : "";
            switch (v) {
                case "on" -> policy.circuitBreaker(true);
                case "off" -> policy.circuitBreaker(false);
                default -> throw new PolicyException("circuit_breaker must be on or off, found " + describe(n));
            }
        }
        if (root.has("quarantine_hours")) {
            JsonNode n = root.get("quarantine_hours");
            if (!n.isInt() || n.intValue() < 1 || n.intValue() > 720) {
                throw new PolicyException("quarantine_hours must be a whole number from 1 to 720, found " + describe(n));
            }
            policy.quarantineTtl(java.time.Duration.ofHours(n.intValue()));
        }
        return policy.build();
    }

    /** {@code sla: {critical: 15, important: 30}}: any subset of the four rated severities, days 1..3650. */
    private static SlaTargets sla(JsonNode node) {
        if (!node.isObject()) {
            throw new PolicyException("sla must be a mapping of severity to days (e.g. critical: 15), found " + describe(node));
        }
        SlaTargets targets = SlaTargets.defaults();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isInt()) {
                throw new PolicyException("sla." + e.getKey() + " must be a whole number of days, found " + describe(e.getValue()));
            }
            try {
                targets = targets.with(e.getKey(), e.getValue().intValue());
            } catch (IllegalArgumentException ex) {
                throw new PolicyException("sla: " + ex.getMessage(), ex);
            }
        }
        return targets;
    }

    private static ReleaseTrack release(JsonNode node) {
        String text = node.isTextual() ? node.textValue().strip().toLowerCase(Locale.ROOT) : "";
        switch (text) {
            case "locked": return ReleaseTrack.LOCKED;
            case "latest": return ReleaseTrack.LATEST;
            default:
                throw new PolicyException("release must be locked or latest, found " + describe(node));
        }
    }

    private static List<String> globs(JsonNode node) {
        if (!node.isArray()) {
            throw new PolicyException("hold_packages must be a list of package-name globs, found " + describe(node));
        }
        List<String> globs = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new PolicyException("hold_packages entries must be strings, found " + describe(item));
            }
            try {
                globs.add(PackageGlob.of(item.textValue()).toString());
            } catch (IllegalArgumentException e) {
                throw new PolicyException("hold_packages: " + e.getMessage(), e);
            }
        }
        return globs;
    }

    private static Severity severity(JsonNode node) {
        String text = node.isTextual() ? node.textValue().strip().toLowerCase(Locale.ROOT) : "";
        switch (text) {
            case "critical": return Severity.CRITICAL;
            case "important": return Severity.IMPORTANT;
            case "moderate": return Severity.MODERATE;
            case "low": return Severity.LOW;
            default:
                throw new PolicyException("minimum_severity must be one of critical, important, moderate, low; found "
                        + describe(node));
        }
    }

    private static String describe(JsonNode n) {
        String s = n.toString();
        return kind(n) + " " + (s.length() > 60 ? s.substring(0, 60) + "…" : s);
    }

    private static String kind(JsonNode n) {
        return n.isArray() ? "list" : n.isObject() ? "mapping" : n.isTextual() ? "string"
                : n.isNumber() ? "number" : n.isBoolean() ? "boolean" : "null";
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
