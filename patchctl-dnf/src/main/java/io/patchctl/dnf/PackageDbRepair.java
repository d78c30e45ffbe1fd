package io.patchctl.dnf;

import io.patchctl.dnf.process.ProcessResult;
import io.patchctl.core.host.PackageDbHealth;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code repair: fix}: the one repair that is safe without a plan. Duplicates left by an interrupted
 * transaction are removed with {@code dnf remove --duplicates} (dnf 4: "remove older versions of
 * duplicate packages"; it keeps the newest, which rpm had finished installing, and runs as a complete,
 * recorded transaction, so the unfinished one is no longer the last). {@code dnf distro-sync} is not
 * run: it would also change non-security packages, which the policy never allowed. Anything else
 * (unreadable or empty database, dependency problems) is reported, never guessed at.
 */
final class PackageDbRepair {

    private final PackageDbCheck.Dnf dnf;

    PackageDbRepair(PackageDbCheck.Dnf dnf) {
        this.dnf = dnf;
    }

    List<String> repair(PackageDbHealth found) {
        List<String> done = new ArrayList<>();
        if (found.unreadable() != null || found.installedPackages() == 0) {
            done.add("not repaired: an unreadable or empty rpm database needs an operator (rpm --rebuilddb, restore)");
            return done;
        }
        if (!found.duplicates().isEmpty()) {
            ProcessResult r = dnf.run("repair: remove duplicates", List.of("remove", "--duplicates", "-y"));
            done.add("dnf remove --duplicates -y: " + (r.exitCode() == 0 && !r.timedOut() ? "ok"
                    : "failed with exit code " + r.exitCode() + ": " + r.tail(3)));
        }
        return done;
    }
}
