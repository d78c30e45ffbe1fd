package io.patchctl.core.insights;

import java.util.Locale;
import java.util.Optional;

/** How urgent a patch failure is, in the seed's four levels. */
public enum AnalysisSeverity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Case-insensitive parse; empty for anything else (the caller decides whether that is invalid). */
    public static Optional<AnalysisSeverity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public AnalysisSeverity atLeast(AnalysisSeverity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
