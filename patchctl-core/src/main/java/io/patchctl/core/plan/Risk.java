package io.patchctl.core.plan;

import java.util.Locale;

/** The advisor's estimate of how risky a plan is to apply unattended. */
public enum Risk {
    LOW, MEDIUM, HIGH;

    /** Lenient parse for model output; anything unrecognised is HIGH so it is never understated. */
    public static Risk parse(String text) {
        if (text == null) {
            return HIGH;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return HIGH;
        }
    }
}
