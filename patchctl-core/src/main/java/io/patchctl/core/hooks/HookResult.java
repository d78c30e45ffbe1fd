package io.patchctl.core.hooks;

import io.patchctl.core.insights.Redactor;
import java.util.List;

/**
 * What one hook did, as the RunReport records it.
 *
 * @param exitCode   the hook's exit status; null when it was killed at its timeout or could not start
 * @param timedOut   killed (with its process tree) because it outlived {@code timeoutSeconds}
 * @param outputTail the end of its stdout and stderr, at most {@value #MAX_TAIL_CHARS} characters, redacted
 *                   (hooks print tokens and URLs as readily as dnf does)
 * @param error      why it failed, in words (non-zero exit, timed out, could not start); null when it passed
 */
public record HookResult(String phase, List<String> command, boolean success, Integer exitCode, boolean timedOut,
                         long timeoutSeconds, long durationMillis, String outputTail, String error) {

    public static final int MAX_TAIL_CHARS = 4000;

    public HookResult {
        command = command == null ? List.of() : List.copyOf(command);
        outputTail = bound(Redactor.redact(outputTail));
        error = error == null ? null : bound(Redactor.redact(error));
    }

    /** The result of a hook that ran (or was killed); {@code startError} set when it could not start at all. */
    public static HookResult of(HookPhase phase, HookSpec spec, Integer exitCode, boolean timedOut, long durationMillis,
                                String output, String startError) {
        boolean success = !timedOut && startError == null && exitCode != null && exitCode == 0;
        String error = success ? null
                : timedOut ? phase.key() + " hook timed out after " + spec.timeout().toSeconds() + " s and was killed"
                : startError != null ? phase.key() + " hook could not start: " + startError
                : phase.key() + " hook failed with exit code " + exitCode;
        return new HookResult(phase.key(), spec.command(), success, timedOut ? null : exitCode, timedOut,
                spec.timeout().toSeconds(), durationMillis, output, error);
    }

    /** The error and the last line of the output: what a one-line report error says about this hook. */
    public String summary() {
        String last = outputTail == null || outputTail.isBlank() ? "" : outputTail.strip().lines()
                .reduce((a, b) -> b).orElse("");
        return (error == null ? phase + " hook passed" : error) + (last.isEmpty() ? "" : " (last output: " + last + ")");
    }

    private static String bound(String text) {
        if (text == null || text.length() <= MAX_TAIL_CHARS) {
            return text;
        }
        // the end is what says why: keep it
        return "…" + text.substring(text.length() - (MAX_TAIL_CHARS - 1));
    }
}
