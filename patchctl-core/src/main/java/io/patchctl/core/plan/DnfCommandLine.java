package io.patchctl.core.plan;

import java.util.List;

/**
 * One line of a seed-style model reply, as the allow-list parser judged it.
 *
 * @param line        the line as received (shortened for reports by the caller)
 * @param accepted    true only for {@code dnf|yum upgrade|update} with known harmless flags and valid package names
 * @param packages    package names named on the line (empty with {@code allSecurity})
 * @param excludes    {@code --exclude} globs
 * @param allSecurity {@code --security} without package names: every reported security update
 * @param reason      why the line was refused (null when accepted)
 */
public record DnfCommandLine(String line, boolean accepted, List<String> packages, List<String> excludes,
                             boolean allSecurity, String reason) {

    public DnfCommandLine {
        packages = packages == null ? List.of() : List.copyOf(packages);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    static DnfCommandLine refused(String line, String reason) {
        return new DnfCommandLine(line, false, List.of(), List.of(), false, reason);
    }
}
