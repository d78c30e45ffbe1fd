package io.patchctl.dnf;

import io.patchctl.dnf.process.ProcessResult;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.advisory.RpmVersion;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.Distro;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.PackageManagerException;
import io.patchctl.core.host.TransactionOutcome;
import io.patchctl.core.plan.RpmNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PackageManager port on real dnf 4. Every call is an argument vector
 * {@code dnf --installroot=R <--dnf-arg…> [-C] <command…>}, with a timeout and both streams captured.
 *
 * <p>Few invocations per run: discovery reads repository metadata once ({@code updateinfo list}),
 * every later call uses that cache ({@code -C}): {@code updateinfo info} for CVEs, the test
 * transaction (skipped by the agent: {@link #upgradeTestsFirst()}) and the upgrade. Installed EVRs come from one {@code rpm -q}, which is cheaper than any
 * dnf call; so does the verification after a discovery: every discovered update counts as pending until
 * rpm shows its package installed at an EVR at least the advisory's fixed one (a dnf process would
 * re-read the whole repository metadata on a real host to tell the same). Without a discovery in this
 * instance, verification asks {@code dnf check-update --security}.
 */
public final class DnfPackageManager implements PackageManager {

    private static final Logger LOG = LoggerFactory.getLogger(DnfPackageManager.class);
    private static final int TAIL_LINES = 30;

    private final Path installroot;
    private final List<String> dnfArgs;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final ProcessRunner runner;
    private final String dnfBinary;
    private final AtomicInteger invocations = new AtomicInteger();
    private volatile boolean metadataLoaded;
    private volatile List<String> newerReleases = List.of();
    /** What the last discovery found (the fixed EVRs the verification compares against); null before one. */
    private volatile List<SecurityUpdate> discovered;

    /**
     * @param installroot the root to patch ({@code /} on a real host)
     * @param dnfArgs     operator arguments passed verbatim to every dnf call (--config, --releasever, …)
     * @param environment extra environment for dnf and rpm (a lab's HOME)
     * @param timeout     per dnf call; a held lock or a hung repository ends in a clear failure, never a hang
     */
    public DnfPackageManager(Path installroot, List<String> dnfArgs, Map<String, String> environment, Duration timeout,
                             ProcessRunner runner) {
        this(installroot, dnfArgs, environment, timeout, runner, "dnf");
    }

    DnfPackageManager(Path installroot, List<String> dnfArgs, Map<String, String> environment, Duration timeout,
                      ProcessRunner runner, String dnfBinary) {
        this.installroot = installroot;
        this.dnfArgs = List.copyOf(dnfArgs);
        Map<String, String> env = new HashMap<>(environment);
        // parsers read English output; C is present on every system
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        this.environment = Map.copyOf(env);
        this.timeout = timeout;
        this.runner = runner;
        this.dnfBinary = dnfBinary;
    }

    @Override
    public List<SecurityUpdate> discoverSecurityUpdates() {
        ProcessResult list = dnf("discovery", List.of("updateinfo", "list", "--security"), false);
        requireSuccess(list, "dnf updateinfo list --security");
        metadataLoaded = true;
        newerReleases = DnfOutput.newerReleases(list.stdout(), list.stderr());
        List<DnfOutput.UpdateinfoLine> lines = DnfOutput.updateinfoList(list.stdout()).stream()
                .filter(DnfOutput.UpdateinfoLine::security).toList();
        if (lines.isEmpty()) {
            discovered = List.of();
            return List.of();
        }
        ProcessResult info = dnf("advisory details", List.of("updateinfo", "info", "--security"), true);
        requireSuccess(info, "dnf updateinfo info --security");
        Map<String, DnfOutput.AdvisoryInfo> details = DnfOutput.updateinfoInfo(info.stdout());
        Map<String, String> installed = installedEvrs(lines.stream().map(l -> l.nevra().name()).toList());

        List<SecurityUpdate> updates = new ArrayList<>();
        for (DnfOutput.UpdateinfoLine line : lines) {
            Nevra n = line.nevra();
            DnfOutput.AdvisoryInfo d = details.get(line.advisoryId());
            Severity severity = line.severity() != Severity.UNKNOWN || d == null ? line.severity() : d.severity();
            updates.add(new SecurityUpdate(line.advisoryId(), severity, d == null ? List.of() : d.cves(), n.name(),
                    n.arch(), installed.getOrDefault(n.name() + "." + n.arch(), installed.get(n.name())), n.evr(),
                    d == null ? null : d.issued()));
        }
        discovered = List.copyOf(updates);
        return updates;
    }

    /** Package names with a pending security update now (the verification pass). */
    @Override
    public Set<String> pendingSecurityPackages() {
        List<SecurityUpdate> found = discovered;
        if (found != null) {
            return stillPending(found);
        }
        ProcessResult check = dnf("verification", List.of("check-update", "--security"), metadataLoaded);
        // check-update exits 100 when updates are pending: that is an answer, not an error
        if (check.exitCode() != 0 && check.exitCode() != 100) {
            requireSuccess(check, "dnf check-update --security");
        }
        Set<String> names = new LinkedHashSet<>();
        DnfOutput.CheckUpdate parsed = DnfOutput.checkUpdate(check.stdout());
        parsed.updates().forEach(p -> names.add(p.name()));
        parsed.obsoleting().forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * The verification with the installed EVRs it read: after a discovery one {@code rpm -q} answers both
     * (no dnf process); without one, {@code dnf check-update --security} and no versions.
     */
    @Override
    public io.patchctl.core.host.InstalledState verifyInstalled() {
        List<SecurityUpdate> found = discovered;
        if (found == null) {
            return new io.patchctl.core.host.InstalledState(pendingSecurityPackages(), Map.of());
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        Set<String> pending = stillPending(found, installedEvrs(found.stream().map(SecurityUpdate::name).toList(), all));
        return new io.patchctl.core.host.InstalledState(pending, all);
    }

    /** One {@code rpm -q} of exactly these names. */
    @Override
    public Map<String, List<String>> installedVersions(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        installedEvrs(List.copyOf(names), all);
        return all;
    }

    /** Of the given discovered updates, the names whose EVR rpm does not show installed: one {@code rpm -q}, no dnf. */
    @Override
    public Set<String> pendingAmong(List<SecurityUpdate> updates) {
        return stillPending(updates);
    }

    /** The discovered updates whose fixed EVR rpm does not show installed: one {@code rpm -q}, no dnf. */
    private Set<String> stillPending(List<SecurityUpdate> found) {
        return stillPending(found, installedEvrs(found.stream().map(SecurityUpdate::name).toList(), new LinkedHashMap<>()));
    }

    private static Set<String> stillPending(List<SecurityUpdate> found, Map<String, String> installed) {
        Set<String> pending = new LinkedHashSet<>();
        for (SecurityUpdate u : found) {
            String now = installed.getOrDefault(u.name() + "." + u.arch(), installed.get(u.name()));
            if (now == null) {
                // gone since discovery (obsoleted, removed): nothing to install; never installed: still pending
                if (u.installedEvr() == null) {
                    pending.add(u.name());
                }
            } else if (RpmVersion.compareEvr(now, u.availableEvr()) < 0) {
                pending.add(u.name());
            }
        }
        return pending;
    }

    @Override
    public TransactionOutcome testUpgrade(List<String> packageNames) {
        return transaction("test transaction", packageNames, true);
    }

    @Override
    public TransactionOutcome upgrade(List<String> packageNames) {
        return transaction("upgrade", packageNames, false);
    }

    private TransactionOutcome transaction(String what, List<String> names, boolean test) {
        for (String name : names) {
            // PolicyGuard has checked them; this adapter does not rely on that alone
            InstallSpec.problem(name).ifPresent(p -> {
                throw new IllegalArgumentException("refusing to pass '" + name + "' to dnf: " + p);
            });
        }
        List<String> command = new ArrayList<>(List.of("upgrade", "-y"));
        if (test) {
            command.add("--setopt=tsflags=test");
        }
        command.add("--"); // nothing after this can be read as an option
        command.addAll(names);
        ProcessResult r = dnf(what, command, metadataLoaded);
        boolean ok = r.exitCode() == 0 && !r.timedOut();
        String error = ok ? null : failureText(r, "dnf " + what);
        List<String> installed = test ? List.of() : DnfOutput.transactionInstalled(r.stdout());
        Boolean testPassed = test ? null : ok || !installed.isEmpty() || DnfOutput.transactionStarted(r.stdout(), r.stderr());
        return new TransactionOutcome(ok, r.exitCode(), installed, error, r.tail(TAIL_LINES), testPassed);
    }

    /** dnf 4's upgrade runs the transaction check and test before it changes anything. */
    @Override
    public boolean upgradeTestsFirst() {
        return true;
    }

    @Override
    public Optional<Boolean> rebootNeeded() {
        if (dnfArgs.contains("--noplugins")) {
            // needs-restarting is a plugin: with plugins off dnf can only say "No such command"
            return Optional.empty();
        }
        ProcessResult r = dnf("needs-restarting", List.of("needs-restarting", "-r"), metadataLoaded);
        if (r.timedOut()) {
            return Optional.empty();
        }
        return DnfOutput.needsRestarting(r.exitCode(), r.stdout(), r.stderr());
    }

    @Override
    public io.patchctl.core.host.PackageDbHealth checkHealth() {
        return new PackageDbCheck(this::rpm, (what, command) -> dnf(what, command, true)).check();
    }

    @Override
    public List<String> repair(io.patchctl.core.host.PackageDbHealth found) {
        return new PackageDbRepair((what, command) -> dnf(what, command, false)).repair(found);
    }

    /** One {@code dnf -C repoquery --available} for all of them: metadata was loaded by the discovery. */
    @Override
    public Set<String> unavailableVersions(java.util.Collection<String> nevras) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String nevra : nevras) {
            wanted.put(Nevra.parse(nevra).map(Nevra::toString).orElse(nevra), nevra);
        }
        if (wanted.isEmpty()) {
            return Set.of();
        }
        List<String> command = new ArrayList<>(List.of("repoquery", "--available", "--quiet",
                "--qf", "%{name}-%{epoch}:%{version}-%{release}.%{arch}", "--"));
        command.addAll(wanted.keySet());
        ProcessResult r = dnf("rollback check", command, metadataLoaded);
        if (r.exitCode() != 0 || r.timedOut()) {
            // cannot tell: say rollback is not possible rather than promise it
            LOG.warn("repoquery failed, rollback assumed impossible: {}", failureText(r, "dnf repoquery"));
            return new LinkedHashSet<>(wanted.values());
        }
        Set<String> offered = new LinkedHashSet<>();
        for (String line : r.stdout().split("\n")) {
            Nevra.parse(line).ifPresent(n -> offered.add(n.toString()));
        }
        Set<String> missing = new LinkedHashSet<>();
        wanted.forEach((normal, given) -> {
            if (!offered.contains(normal)) {
                missing.add(given);
            }
        });
        return missing;
    }

    /**
     * {@code dnf -C history info last}, accepted only if that transaction installed every NEVRA of ours:
     * another transaction in between (a person, dnf-automatic) must never be the one undone.
     */
    @Override
    public Optional<Long> lastTransactionId(List<String> installed) {
        ProcessResult r = dnf("transaction id", List.of("history", "info", "last"), true);
        if (r.exitCode() != 0 || r.timedOut()) {
            LOG.warn("dnf history info failed: {}", failureText(r, "dnf history info last"));
            return Optional.empty();
        }
        Optional<DnfHistoryInfo> info = DnfHistoryInfo.parse(r.stdout());
        List<String> ours = installed.stream().map(n -> Nevra.parse(n).map(Nevra::toString).orElse(n)).toList();
        if (info.isEmpty() || !info.get().installed().containsAll(ours)) {
            LOG.warn("dnf's last transaction is not ours: ours={} last={}", ours, info.map(DnfHistoryInfo::installed).orElse(null));
            return Optional.empty();
        }
        return Optional.of(info.get().id());
    }

    /** {@code dnf history undo ID -y}: not cache-only, since dnf may have to download the old packages. */
    @Override
    public TransactionOutcome undo(long transactionId) {
        ProcessResult r = dnf("undo", List.of("history", "undo", Long.toString(transactionId), "-y"), false);
        boolean ok = r.exitCode() == 0 && !r.timedOut();
        return new TransactionOutcome(ok, r.exitCode(), ok ? DnfOutput.transactionInstalled(r.stdout()) : List.of(),
                ok ? null : failureText(r, "dnf history undo " + transactionId), r.tail(TAIL_LINES));
    }

    @Override
    public Map<String, String> currentEvrs(java.util.Collection<String> names) {
        return installedEvrs(List.copyOf(names));
    }

    private ProcessResult rpm(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("rpm", "--root", installroot.toString()));
        argv.addAll(args);
        return runner.run(argv, environment, timeout);
    }

    @Override
    public int invocations() {
        return invocations.get();
    }

    @Override
    public List<String> newerReleases() {
        return newerReleases;
    }

    /** The installroot's os-release. */
    @Override
    public Distro distro() {
        return OsReleaseFile.read(installroot);
    }

    /** name or name.arch to [epoch:]version-release of the installed package (the newest, for install-only kernels). */
    private Map<String, String> installedEvrs(List<String> names) {
        return installedEvrs(names, new LinkedHashMap<>());
    }

    /** As {@link #installedEvrs(List)}; also fills {@code all} with every installed EVR per name, newest first. */
    private Map<String, String> installedEvrs(List<String> names, Map<String, List<String>> all) {
        List<String> argv = new ArrayList<>(List.of("rpm", "--root", installroot.toString(), "-q", "--qf",
                "%{NAME} %{ARCH} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n", "--"));
        new LinkedHashSet<>(names).forEach(argv::add);
        ProcessResult r = runner.run(argv, environment, timeout);
        Map<String, String> evrs = new LinkedHashMap<>();
        // rpm -q exits non-zero if one name is not installed; the lines it printed are still right
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 3) {
                // install-only packages (kernels) are listed once per installed version: keep the newest
                evrs.merge(f[0] + "." + f[1], f[2], DnfPackageManager::newer);
                evrs.merge(f[0], f[2], DnfPackageManager::newer);
                all.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[2]);
                all.computeIfAbsent(f[0] + "." + f[1], k -> new ArrayList<>()).add(f[2]);
            }
        }
        all.values().forEach(v -> v.sort((a, b) -> RpmVersion.compareEvr(b, a)));
        if (evrs.isEmpty() && !names.isEmpty()) {
            LOG.warn("rpm reported no installed EVRs exitCode={} stderr={}", r.exitCode(), r.tail(3));
        }
        return evrs;
    }

    private static String newer(String a, String b) {
        return RpmVersion.compareEvr(a, b) >= 0 ? a : b;
    }

    private ProcessResult dnf(String what, List<String> command, boolean cacheOnly) {
        List<String> argv = new ArrayList<>();
        argv.add(dnfBinary);
        argv.add("--installroot=" + installroot);
        argv.addAll(dnfArgs);
        if (cacheOnly) {
            argv.add("-C");
        }
        argv.addAll(command);
        invocations.incrementAndGet();
        ProcessResult r = runner.run(argv, environment, timeout);
        LOG.debug("dnf {} exit={} millis={}", what, r.exitCode(), r.durationMillis());
        return r;
    }

    private void requireSuccess(ProcessResult r, String what) {
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new PackageManagerException(failureText(r, what));
        }
    }

    private String failureText(ProcessResult r, String what) {
        String said = DnfOutput.errorText(r.stdout(), r.stderr());
        if (said.isEmpty()) {
            said = r.tail(5);
        }
        if (r.timedOut()) {
            return what + " timed out after " + timeout.toSeconds() + " s (is another process holding the dnf or rpm"
                    + " lock, or a repository hanging?)" + (said.isEmpty() ? "" : "; dnf said: " + said);
        }
        return what + " failed with exit code " + r.exitCode() + (said.isEmpty() ? "" : ": " + said);
    }
}
