package io.patchctl.dnf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code dnf history info} says about one transaction (dnf 4):
 * <pre>
 * Transaction ID : 7
 * Return-Code    : Success
 * Packages Altered:
 *     Upgrade  labapp-1.1-1.el8.noarch @updates
 *     Upgraded labapp-1.0-1.el8.noarch @@System
 * </pre>
 *
 * @param id        the transaction id
 * @param installed NEVRAs the transaction put on the system (Install, Upgrade, Downgrade, Reinstall, Dep-Install)
 */
record DnfHistoryInfo(long id, List<String> installed) {

    private static final Pattern ID = Pattern.compile("(?m)^Transaction ID\\s*:\\s*(\\d+)\\s*$");
    /** The actions whose package is the new side of the change; "Upgraded", "Removed", ... are the old side. */
    private static final Set<String> NEW_SIDE = Set.of("Install", "Upgrade", "Downgrade", "Reinstall",
            "Dep-Install");
    private static final Pattern ALTERED = Pattern.compile("^\\s+(?:\\*\\*)?([A-Z][A-Za-z-]+)\\s+(\\S+)(?:\\s+@\\S+)?\\s*$");

    static Optional<DnfHistoryInfo> parse(String stdout) {
        Matcher id = ID.matcher(stdout);
        if (!id.find()) {
            return Optional.empty();
        }
        List<String> installed = new ArrayList<>();
        boolean altered = false;
        for (String line : stdout.split("\n")) {
            if (line.startsWith("Packages Altered")) {
                altered = true;
                continue;
            }
            if (altered && !line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                altered = false; // the next section ("Scriptlet output:", ...)
            }
            Matcher m = ALTERED.matcher(line);
            if (altered && m.matches() && NEW_SIDE.contains(m.group(1))) {
                Nevra.parse(m.group(2)).ifPresent(n -> installed.add(n.toString()));
            }
        }
        return Optional.of(new DnfHistoryInfo(Long.parseLong(id.group(1)), installed));
    }
}
