package io.patchctl.core.advisory;

import java.util.Locale;

/** Red Hat advisory severity, most severe first. */
public enum Severity {
    CRITICAL, IMPORTANT, MODERATE, LOW, UNKNOWN;

    /**
     * Parses dnf's and Red Hat's spellings ("Critical", "Important/Sec.", "moderate", "None").
     * Anything unrecognised is {@link #UNKNOWN}: a new spelling must never make an update vanish.
     */
    public static Severity parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String word = text.strip().toLowerCase(Locale.ROOT);
        int slash = word.indexOf('/');
        if (slash >= 0) {
            word = word.substring(0, slash);
        }
        switch (word) {
            case "critical": return CRITICAL;
            case "important": case "high": return IMPORTANT;
            case "moderate": case "medium": return MODERATE;
            case "low": return LOW;
            default: return UNKNOWN;
        }
    }

    /** True when this severity is at least as severe as {@code minimum}; UNKNOWN counts as meeting any minimum. */
    public boolean meets(Severity minimum) {
        // An advisory without a rating is still a security fix: holding it silently would be worse.
        return this == UNKNOWN || minimum == UNKNOWN || this.ordinal() <= minimum.ordinal();
    }

    /** The display form used in reports and prompts: "Important". */
    public String label() {
        String name = name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
