package io.patchctl.core.host;

import io.patchctl.core.advisory.SecurityUpdate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: the host's package manager (dnf in production). Package names handed in have passed
 * PolicyGuard; implementations still pass them as separate arguments, never through a shell.
 */
public interface PackageManager {

    /**
     * Every pending security update of an installed package.
     *
     * @throws PackageManagerException when the package manager cannot tell (repo unreadable, lock held, timeout)
     */
    List<SecurityUpdate> discoverSecurityUpdates();

    /**
     * Package names with a pending security update right now: the cheap check that verifies a run.
     *
     * @throws PackageManagerException when the package manager cannot tell
     */
    Set<String> pendingSecurityPackages();

    /**
     * The verification after an upgrade: the pending packages and, read by the same query, the installed
     * EVRs of the discovered packages (the fix verification compares them with each advisory's fixed EVR).
     * The default reads no versions.
     *
     * @throws PackageManagerException when the package manager cannot tell
     */
    default InstalledState verifyInstalled() {
        return new InstalledState(pendingSecurityPackages(), java.util.Map.of());
    }

    /**
     * Installed EVRs of these packages (name and {@code name.arch} to every installed EVR, newest first), one
     * package-database query; the run resumed after a reboot reads the installed kernels with it. Never throws:
     * empty when they cannot be read.
     */
    default java.util.Map<String, List<String>> installedVersions(java.util.Collection<String> names) {
        return java.util.Map.of();
    }


    /**
     * Names of {@code updates} (a subset of what discovery returned) still pending now: the
     * verification of a ring run, which may install only some builds discovery offered.
     */
    default Set<String> pendingAmong(List<SecurityUpdate> updates) {
        Set<String> names = new java.util.HashSet<>();
        updates.forEach(u -> names.add(u.name()));
        Set<String> pending = new java.util.LinkedHashSet<>(pendingSecurityPackages());
        pending.retainAll(names);
        return pending;
    }

    /**
     * Checks the upgrade of exactly these packages without changing anything (dnf's tsflags=test). An
     * entry is a package name, or {@code name-[epoch:]version-release.arch} for exactly that build (rings).
     */
    TransactionOutcome testUpgrade(List<String> packageNames);

    /** Upgrades exactly these packages. */
    TransactionOutcome upgrade(List<String> packageNames);

    /** Whether the host needs a reboot; empty when the package manager cannot tell. */
    Optional<Boolean> rebootNeeded();

    /** How many package-manager processes this instance has started so far. */
    int invocations();

    /**
     * True when {@link #upgrade} runs the full transaction test itself before changing anything, and
     * changes nothing when that test fails (dnf 4: "Running transaction test" before "Running
     * transaction"), reporting it in {@link TransactionOutcome#testPassed()}. The workflow then skips
     * the separate {@link #testUpgrade}, which would only repeat the same checks in one more process.
     */
    default boolean upgradeTestsFirst() {
        return false;
    }

    /** The host's distribution (its os-release); {@link Distro#UNKNOWN} when it cannot be read. */
    default Distro distro() {
        return Distro.UNKNOWN;
    }

    /**
     * Newer releases the package manager said exist beyond the one the repositories are locked to
     * (Amazon Linux 2023: advisories of a newer release are not offered without {@code --releasever}).
     * Empty when it said nothing; valid after {@link #discoverSecurityUpdates()}.
     */
    default List<String> newerReleases() {
        return List.of();
    }

    /**
     * Reads the package database's health: readable, not empty, no duplicates, {@code dnf check}
     * clean, last transaction finished. Never throws: a failure to check is itself a problem reported.
     */
    default PackageDbHealth checkHealth() {
        return PackageDbHealth.notChecked();
    }

    /**
     * The documented repair of what {@link #checkHealth()} found ({@code repair: fix}); returns one
     * line per action with its outcome. Repairs only what is safe to repair without a plan.
     */
    default List<String> repair(PackageDbHealth found) {
        return List.of();
    }

    // --- rollback support (hooks: a failed post_install health check undoes our transaction) ---

    /**
     * Which of these installed NEVRAs ({@code name-[epoch:]version-release.arch}) no enabled repository
     * offers any more, so that an undo could not reinstall them; one package-manager call. The default
     * cannot tell and answers all of them.
     */
    default java.util.Set<String> unavailableVersions(java.util.Collection<String> nevras) {
        return new java.util.LinkedHashSet<>(nevras);
    }

    /**
     * The package manager's history id of the transaction that just installed exactly {@code installed}
     * (the last transaction, checked against these NEVRAs); empty when the last transaction is another
     * one or the history cannot be read.
     */
    default java.util.Optional<Long> lastTransactionId(List<String> installed) {
        return java.util.Optional.empty();
    }

    /** Undoes exactly the transaction {@code transactionId} ({@code dnf history undo ID -y}). */
    default TransactionOutcome undo(long transactionId) {
        return new TransactionOutcome(false, -1, List.of(), "this package manager cannot undo transactions", null);
    }

    /** Installed {@code [epoch:]version-release} by {@code name.arch} and by {@code name}; one rpm query, no dnf. */
    default java.util.Map<String, String> currentEvrs(java.util.Collection<String> names) {
        return java.util.Map.of();
    }
}
