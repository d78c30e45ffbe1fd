package io.patchctl.core.insights;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Classifies real dnf/rpm/SSM output, falling back to the event status when the output says nothing. */
public final class DnfErrorClassifier {

    private DnfErrorClassifier() {
    }

    /**
     * @param evidence the gathered output (RunReport errors, Run Command stdout/stderr), may be empty
     * @param status   the event's status (TimedOut, Undeliverable, …), used only when the text is silent
     */
    public static Classification classify(String evidence, String status) {
        return classify(List.of(evidence == null ? "" : evidence), status);
    }

    /**
     * @param evidence texts in order of authority: the agent's own RunReport error fields before the raw
     *                 command output (a mirror's curl error the agent recovered from must not mask the real
     *                 failure it then recorded)
     */
    public static Classification classify(List<String> evidence, String status) {
        for (String text : evidence) {
            Classification found = known(text == null ? new String[0] : text.split("\\R"));
            if (found != null) {
                return found;
            }
        }
        String[] lines = String.join("\n", evidence).split("\\R");
        String normalizedStatus = status == null ? "" : status.toLowerCase(Locale.ROOT).replace("_", "");
        if (normalizedStatus.contains("timedout")) {
            return new Classification(ErrorClass.TIMEOUT, "");
        }
        if (normalizedStatus.equals("undeliverable")) {
            return new Classification(ErrorClass.AGENT_UNREACHABLE, "");
        }
        return new Classification(ErrorClass.UNKNOWN, lastErrorLine(lines));
    }

    private static Classification known(String[] lines) {
        for (ErrorClass errorClass : ErrorClass.values()) {
            for (Pattern pattern : errorClass.patterns()) {
                for (String line : lines) {
                    if (pattern.matcher(line).find()) {
                        return new Classification(errorClass, line);
                    }
                }
            }
        }
        return null;
    }

    /** For unknown failures the last line that says "error" is still the best evidence to quote. */
    private static String lastErrorLine(String[] lines) {
        for (int i = lines.length - 1; i >= 0; i--) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (lower.contains("error") || lower.contains("fail") || lower.contains("fault")) {
                return lines[i];
            }
        }
        return "";
    }
}
