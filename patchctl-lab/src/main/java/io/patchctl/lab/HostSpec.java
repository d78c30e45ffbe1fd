package io.patchctl.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which packages a lab host has installed: by default every {@code base} package; some may be left
 * out, or installed at their newest update already (so hosts of one lab differ in pending updates).
 */
public final class HostSpec {

    private final Set<String> without = new LinkedHashSet<>();
    private final Set<String> upgraded = new LinkedHashSet<>();
    private LabDistro distro = LabDistro.RHEL8;

    private HostSpec() {
    }

    /** Every base package at its base version. */
    public static HostSpec allBase() {
        return new HostSpec();
    }

    /** Leaves these packages uninstalled. */
    public HostSpec without(String... names) {
        without.addAll(List.of(names));
        return this;
    }

    /** Installs the newest update of these packages instead of the base version (nothing pending for them). */
    public HostSpec upgraded(String... names) {
        upgraded.addAll(List.of(names));
        return this;
    }

    /** The distribution the host's os-release names (default RHEL 8, the lab's original form). */
    public HostSpec distro(LabDistro distro) {
        this.distro = java.util.Objects.requireNonNull(distro, "distro");
        return this;
    }

    public LabDistro distro() {
        return distro;
    }

    /** The RPMs to install, resolved against the lab. */
    List<LabRpm> resolve(LabSpec spec) {
        for (String n : without) {
            spec.basePackage(n).orElseThrow(() -> new IllegalArgumentException("host spec: no base package '" + n + "'"));
        }
        List<LabRpm> rpms = new ArrayList<>();
        for (LabRpm rpm : spec.base()) {
            if (without.contains(rpm.name())) {
                continue;
            }
            if (upgraded.contains(rpm.name())) {
                rpms.add(spec.latestUpdate(rpm.name()).orElseThrow(
                        () -> new IllegalArgumentException("host spec: no update of '" + rpm.name() + "' to install")));
            } else {
                rpms.add(rpm);
            }
        }
        for (String n : upgraded) {
            spec.basePackage(n).orElseThrow(() -> new IllegalArgumentException("host spec: no base package '" + n + "'"));
        }
        return rpms;
    }

    @Override
    public String toString() {
        return "without=" + without + ",upgraded=" + upgraded + ",distro=" + distro;
    }
}
