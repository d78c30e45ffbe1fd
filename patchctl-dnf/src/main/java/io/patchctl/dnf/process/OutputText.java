package io.patchctl.dnf.process;

import java.util.ArrayList;
import java.util.List;

/** Small helpers for process output that goes into reports. */
public final class OutputText {

    private OutputText() {
    }

    /** The last {@code lines} non-blank lines, joined with newlines. */
    public static String tail(String text, int lines) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                kept.add(line.stripTrailing());
            }
        }
        return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
    }
}
