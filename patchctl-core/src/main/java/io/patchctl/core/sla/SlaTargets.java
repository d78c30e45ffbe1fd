package io.patchctl.core.sla;

import io.patchctl.core.advisory.Severity;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Days allowed from an advisory's date to its fix, per severity. Defaults: Critical 15, Important 30,
 * Moderate 90, Low 180 (PCI DSS asks for critical patches within a month). Unrated advisories
 * ({@link Severity#UNKNOWN}) are held to the Moderate target: they are security fixes all the same.
 */
public final class SlaTargets {

    public static final int MAX_DAYS = 3650;
    private static final Map<Severity, Integer> DEFAULT_DAYS = Map.of(
            Severity.CRITICAL, 15, Severity.IMPORTANT, 30, Severity.MODERATE, 90, Severity.LOW, 180);

    private final Map<Severity, Integer> days;

    private SlaTargets(Map<Severity, Integer> days) {
        this.days = new EnumMap<>(days);
    }

    public static SlaTargets defaults() {
        return new SlaTargets(DEFAULT_DAYS);
    }

    /** The target of one severity. */
    public int days(Severity severity) {
        return days.get(severity == Severity.UNKNOWN ? Severity.MODERATE : severity);
    }

    /** The four rated severities with their days, most severe first. */
    public Map<Severity, Integer> asMap() {
        return new EnumMap<>(days);
    }

    /**
     * This target set with one severity changed.
     *
     * @throws IllegalArgumentException when the severity is not critical/important/moderate/low or the days are out of 1..3650
     */
    public SlaTargets with(String severity, int value) {
        Severity s = rated(severity);
        if (value <= 0 || value > MAX_DAYS) {
            throw new IllegalArgumentException("SLA for " + severity + " is " + value
                    + " days: expected 1.." + MAX_DAYS);
        }
        Map<Severity, Integer> copy = new EnumMap<>(days);
        copy.put(s, value);
        return new SlaTargets(copy);
    }

    /**
     * Applies "critical=15,important=30" (any subset, any order) on top of these targets.
     *
     * @throws IllegalArgumentException naming the bad pair and the expected form
     */
    public SlaTargets with(String spec) {
        Objects.requireNonNull(spec, "spec");
        SlaTargets result = this;
        for (String pair : spec.split(",", -1)) {
            String p = pair.strip();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new IllegalArgumentException("SLA '" + pair + "' is not SEVERITY=DAYS (e.g. critical=15,important=30)");
            }
            String value = p.substring(eq + 1).strip();
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SLA '" + pair + "': '" + value + "' is not a whole number of days", e);
            }
            result = result.with(p.substring(0, eq).strip(), n);
        }
        return result;
    }

    private static Severity rated(String severity) {
        String word = severity == null ? "" : severity.strip().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "critical" -> Severity.CRITICAL;
            case "important" -> Severity.IMPORTANT;
            case "moderate" -> Severity.MODERATE;
            case "low" -> Severity.LOW;
            default -> throw new IllegalArgumentException("unknown severity '" + severity
                    + "' for an SLA (expected critical, important, moderate or low)");
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaTargets t && t.days.equals(days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        days.forEach((s, d) -> b.append(b.length() == 0 ? "" : ",").append(s.name().toLowerCase(Locale.ROOT)).append('=').append(d));
        return b.toString();
    }
}
