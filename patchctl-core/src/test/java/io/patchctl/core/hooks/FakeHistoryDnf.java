package io.patchctl.core.hooks;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.TransactionOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A package manager with versions and a one-entry history: upgrades, undoes, answers rpm -q; records every call. */
public final class FakeHistoryDnf implements PackageManager {

    public final List<SecurityUpdate> updates = new ArrayList<>();
    /** name.arch to the installed EVR. */
    public final Map<String, String> installed = new LinkedHashMap<>();
    public final List<String> calls;
    public final Set<String> unavailable = new LinkedHashSet<>();
    /** The id dnf's history gives the next transaction. */
    public long nextId = 41;
    /** Someone else's transaction came after ours. */
    public boolean foreignTransactionLast;
    public boolean undoFails;
    /** The undo "succeeds" but leaves this package at the new version. */
    public String undoLeaves;
    private Map<String, String> beforeLast = Map.of();
    private List<String> lastInstalled = List.of();

    public FakeHistoryDnf(List<String> calls) {
        this.calls = calls;
    }

    public FakeHistoryDnf add(String name, String from, String to) {
        updates.add(new SecurityUpdate("RHSA-2026:" + (1500 + updates.size()), Severity.IMPORTANT, List.of("CVE-2026-1"),
                name, "x86_64", from, to));
        installed.put(name + ".x86_64", from);
        return this;
    }

    @Override
    public List<SecurityUpdate> discoverSecurityUpdates() {
        calls.add("discover");
        return List.copyOf(updates);
    }

    @Override
    public Set<String> pendingSecurityPackages() {
        calls.add("verify");
        Set<String> pending = new LinkedHashSet<>();
        updates.stream().filter(u -> !u.availableEvr().equals(installed.get(u.name() + ".x86_64"))).forEach(u -> pending.add(u.name()));
        return pending;
    }

    @Override
    public TransactionOutcome testUpgrade(List<String> names) {
        return new TransactionOutcome(true, 0, List.of(), null, null);
    }

    @Override
    public TransactionOutcome upgrade(List<String> names) {
        calls.add("upgrade " + names);
        beforeLast = new LinkedHashMap<>(installed);
        List<String> nevras = new ArrayList<>();
        for (SecurityUpdate u : updates) {
            if (names.contains(u.name())) {
                installed.put(u.name() + ".x86_64", u.availableEvr());
                nevras.add(u.name() + "-" + u.availableEvr() + ".x86_64");
            }
        }
        lastInstalled = nevras;
        return new TransactionOutcome(true, 0, nevras, null, "Complete!", true);
    }

    @Override
    public boolean upgradeTestsFirst() {
        return true;
    }

    @Override
    public Optional<Boolean> rebootNeeded() {
        return Optional.empty();
    }

    @Override
    public int invocations() {
        return calls.size();
    }

    @Override
    public Set<String> unavailableVersions(Collection<String> nevras) {
        calls.add("repoquery " + nevras);
        Set<String> missing = new LinkedHashSet<>(nevras);
        missing.retainAll(unavailable);
        return missing;
    }

    @Override
    public Optional<Long> lastTransactionId(List<String> installedNow) {
        calls.add("history info last");
        return foreignTransactionLast || !installedNow.equals(lastInstalled) ? Optional.empty() : Optional.of(nextId);
    }

    @Override
    public TransactionOutcome undo(long transactionId) {
        calls.add("undo " + transactionId);
        if (undoFails) {
            return new TransactionOutcome(false, 1, List.of(), "Error: No package curl-1-1.el8.x86_64 available.", "tail");
        }
        String keep = undoLeaves == null ? null : installed.get(undoLeaves);
        installed.clear();
        installed.putAll(beforeLast);
        if (keep != null) {
            installed.put(undoLeaves, keep);
        }
        return new TransactionOutcome(true, 0, List.of(), null, "Downgraded ... Complete!");
    }

    @Override
    public Map<String, String> currentEvrs(Collection<String> names) {
        calls.add("rpm -q " + names);
        Map<String, String> out = new LinkedHashMap<>();
        installed.forEach((nameArch, evr) -> {
            if (names.contains(nameArch.substring(0, nameArch.lastIndexOf('.')))) {
                out.put(nameArch, evr);
                out.put(nameArch.substring(0, nameArch.lastIndexOf('.')), evr);
            }
        });
        return out;
    }
}
