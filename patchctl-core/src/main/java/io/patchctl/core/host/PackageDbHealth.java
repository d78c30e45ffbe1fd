package io.patchctl.core.host;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of the host's package database, checked before every plan: a run on a database that
 * cannot be read, holds no packages, or shows an interrupted transaction must never be reported
 * compliant ("nothing to do" from dnf is then no evidence of anything).
 *
 * @param checked               false when the package manager cannot check (a fake in unit tests)
 * @param installedPackages     packages rpm lists; 0 on an empty installroot
 * @param unreadable            why rpm could not read its database, or null
 * @param duplicates            name.arch pairs installed twice (install-only kernels excepted)
 * @param checkProblems         the first lines {@code dnf check} printed, empty when it passed
 * @param unfinishedTransaction the last dnf history transaction when it never ended, or null
 * @param repairs               repairs run this run ({@code repair: fix}), with their outcome
 */
public record PackageDbHealth(boolean checked, int installedPackages, String unreadable, List<String> duplicates,
                              List<String> checkProblems, String unfinishedTransaction, List<String> repairs) {

    public PackageDbHealth {
        duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
        checkProblems = checkProblems == null ? List.of() : List.copyOf(checkProblems);
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
    }

    /** For package managers that cannot check (test fakes): never blocks a run. */
    public static PackageDbHealth notChecked() {
        return new PackageDbHealth(false, 0, null, List.of(), List.of(), null, List.of());
    }

    public PackageDbHealth withRepairs(List<String> done) {
        return new PackageDbHealth(checked, installedPackages, unreadable, duplicates, checkProblems,
                unfinishedTransaction, done);
    }

    public boolean healthy() {
        return problems().isEmpty();
    }

    /** One line per problem, for the report's error and the insights analysis. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!checked) {
            return p;
        }
        if (unreadable != null) {
            p.add("rpm database cannot be read: " + unreadable);
        } else if (installedPackages == 0) {
            p.add("rpm database lists no installed packages (empty or missing database, or wrong --installroot)");
        }
        if (!duplicates.isEmpty()) {
            p.add(duplicates.size() + " duplicate packages in the rpm database (interrupted transaction?): "
                    + String.join(", ", duplicates.subList(0, Math.min(10, duplicates.size())))
                    + (duplicates.size() > 10 ? ", ..." : ""));
        }
        if (!checkProblems.isEmpty()) {
            String lines = String.join("; ", checkProblems);
            p.add(lines.startsWith("dnf check ") ? lines : "dnf check found problems: " + lines);
        }
        if (unfinishedTransaction != null) {
            p.add("last dnf transaction did not finish: " + unfinishedTransaction);
        }
        return p;
    }
}
