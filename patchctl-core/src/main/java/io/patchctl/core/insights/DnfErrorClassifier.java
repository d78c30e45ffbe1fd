package io.patchctl.core.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Classifies real dnf/rpm/SSM output by the strength of its evidence, falling back to the event status
 * when the output says nothing.
 *
 * <p>Real hosts print much that is not the failure: the subscription-manager banner on every RHUI,
 * Satellite or unregistered host, "Last metadata expiration check", Python warnings, non-fatal scriptlet
 * warnings, mirror errors dnf recovered from. So the class is not picked by enum order but by
 * {@link Strength}: a fatal line ({@code Error:}, {@code error:}, the indented detail under such a header)
 * beats a plain message, which beats a warning or anything a later {@code Complete!} shows was survived;
 * at equal strength the later line wins (dnf prints its final error last). Known noise is never evidence
 * alone: the banner means "not registered" only together with "There are no enabled repositories" or an
 * entitlement repository answering 403.
 */
public final class DnfErrorClassifier {

    /** The subscription-manager plugin's banner (RHUI, Satellite, unregistered RHEL, Rocky/Alma with it installed). */
    static final List<Pattern> BANNER = patterns(
            "^Updating Subscription Management repositories\\.?$",
            "^Unable to read consumer identity$",
            "This system is not registered with an entitlement server",
            "not registered (?:to|with) Red Hat Subscription Management");

    /** Lines dnf and Python print on healthy runs too. */
    private static final List<Pattern> NOISE = patterns(
            "^Last metadata expiration check:",
            "RequestsDependencyWarning",
            "^warnings\\.warn\\(");

    /** Lines that open a block of fatal detail (the indented lines under them are fatal too). */
    private static final Pattern FATAL_LINE = Pattern.compile(
            "^(?:Error:|error:|RPM: error:|CRITICAL|fatal:|Error Summary|Transaction check error:|\\S*DepsolveError)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern WARNING_LINE = Pattern.compile(
            "^(?:warning:|Non-fatal|Errors during downloading metadata for repository|Ignoring repositories:)"
                    // rpm never fails a transaction for these scriptlets; dnf 4 still says "Error in"
                    + "|^Error in (?:POSTIN|POSTUN|POSTTRANS|TRIGGER\\w*) scriptlet",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern COMPLETE = Pattern.compile("^Complete!$");

    /** Bound of the quoted block: enough for dnf's detail lines, small enough for a report and a prompt. */
    static final int MAX_BLOCK_LINES = 12;
    static final int MAX_BLOCK_CHARS = 2000;

    /** How much a matching line proves. */
    enum Strength { WARNING, PLAIN, FATAL }

    private record Candidate(ErrorClass errorClass, int patternIndex, int line, Strength strength) {
    }

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
            Optional<Classification> found = known(lines(text));
            if (found.isPresent()) {
                return found.get();
            }
        }
        String normalizedStatus = status == null ? "" : status.toLowerCase(Locale.ROOT).replace("_", "");
        if (normalizedStatus.contains("timedout")) {
            return new Classification(ErrorClass.TIMEOUT, "");
        }
        if (normalizedStatus.equals("undeliverable")) {
            return new Classification(ErrorClass.AGENT_UNREACHABLE, "");
        }
        List<String> all = new ArrayList<>();
        evidence.forEach(t -> all.addAll(lines(t)));
        return unknown(all);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    private static Optional<Classification> known(List<String> lines) {
        boolean banner = lines.stream().anyMatch(l -> matchesAny(BANNER, l.strip()));
        int lastComplete = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (COMPLETE.matcher(lines.get(i).strip()).matches()) {
                lastComplete = i;
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || matchesAny(BANNER, stripped) || matchesAny(NOISE, stripped)) {
                continue;
            }
            for (ErrorClass errorClass : ErrorClass.values()) {
                if (errorClass == ErrorClass.NOT_REGISTERED && !banner) {
                    continue;
                }
                List<Pattern> patterns = errorClass.patterns();
                for (int p = 0; p < patterns.size(); p++) {
                    if (patterns.get(p).matcher(line).find()) {
                        Strength strength = i < lastComplete ? Strength.WARNING : strength(lines, i);
                        candidates.add(new Candidate(errorClass, p, i, strength));
                        break;
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Candidate winner = candidates.stream()
                .max(Comparator.comparing(Candidate::strength).thenComparingInt(Candidate::line)
                        // same line, same strength: the class listed first is the more specific reading
                        .thenComparing(c -> -c.errorClass().ordinal()))
                .orElseThrow();
        ErrorClass errorClass = winner.errorClass();
        if (errorClass == ErrorClass.METADATA_DOWNLOAD
                && candidates.stream().anyMatch(c -> c.errorClass() == ErrorClass.NOT_REGISTERED)) {
            // an entitlement repository refused (403) on a host printing the banner: the metadata failure
            // is the symptom, the missing registration its cause
            errorClass = ErrorClass.NOT_REGISTERED;
        }
        ErrorClass chosen = errorClass;
        // quote the most specific line of the winning class, not just the strongest (say "Public key for X
        // is not installed" rather than "Error: GPG check FAILED")
        Candidate quoted = candidates.stream().filter(c -> c.errorClass() == chosen)
                .min(Comparator.comparingInt(Candidate::patternIndex).thenComparingInt(Candidate::line))
                .orElseThrow();
        return Optional.of(new Classification(chosen, lines.get(quoted.line()), block(lines, quoted.line())));
    }

    private static Strength strength(List<String> lines, int index) {
        String stripped = lines.get(index).strip();
        if (WARNING_LINE.matcher(stripped).find()) {
            return Strength.WARNING;
        }
        if (FATAL_LINE.matcher(stripped).find()) {
            return Strength.FATAL;
        }
        int header = header(lines, index);
        if (header != index) {
            String h = lines.get(header).strip();
            if (WARNING_LINE.matcher(h).find()) {
                return Strength.WARNING;
            }
            if (FATAL_LINE.matcher(h).find()) {
                return Strength.FATAL;
            }
        }
        return Strength.PLAIN;
    }

    /** The line that opens the block of {@code index}: the nearest line above it that is not indented. */
    private static int header(List<String> lines, int index) {
        if (!indented(lines.get(index))) {
            return index;
        }
        for (int i = index - 1; i >= 0 && index - i <= 200; i--) {
            String line = lines.get(i);
            if (line.isBlank()) {
                return index; // a blank line ends dnf's blocks
            }
            if (!indented(line)) {
                return i;
            }
        }
        return index;
    }

    private static boolean indented(String line) {
        return !line.isEmpty() && (Character.isWhitespace(line.charAt(0)) || line.startsWith("- "));
    }

    /** The quoted line's block: its header, then the indented lines under it, bounded. */
    static String block(List<String> lines, int index) {
        int start = header(lines, index);
        List<String> kept = new ArrayList<>();
        int chars = 0;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i > start && (line.isBlank() || !indented(line))) {
                break;
            }
            if (kept.size() >= MAX_BLOCK_LINES || chars + line.length() > MAX_BLOCK_CHARS) {
                if (i <= index) {
                    // never cut the quoted line away: restart the window at it
                    return line.length() > MAX_BLOCK_CHARS ? line.substring(0, MAX_BLOCK_CHARS) : line;
                }
                kept.add("  [...]");
                break;
            }
            kept.add(line.stripTrailing());
            chars += line.length() + 1;
        }
        return String.join("\n", kept);
    }

    /** For unknown failures the last line that says "error" is still the best evidence to quote. */
    private static Classification unknown(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String stripped = lines.get(i).strip();
            if (matchesAny(BANNER, stripped) || matchesAny(NOISE, stripped)) {
                continue;
            }
            String lower = stripped.toLowerCase(Locale.ROOT);
            if (lower.contains("error") || lower.contains("fail") || lower.contains("fault")) {
                return new Classification(ErrorClass.UNKNOWN, stripped, block(lines, i));
            }
        }
        return new Classification(ErrorClass.UNKNOWN, "");
    }

    private static boolean matchesAny(List<Pattern> patterns, String line) {
        for (Pattern p : patterns) {
            if (p.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
