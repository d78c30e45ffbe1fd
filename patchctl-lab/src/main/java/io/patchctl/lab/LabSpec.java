package io.patchctl.lab;

import io.patchctl.core.internal.hash.Sha256;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a lab contains: the RPMs of the {@code base} repository (what hosts start with), those of the
 * {@code updates} repository, and the advisories of updates' updateinfo.xml. Immutable; its
 * {@link #fingerprint()} keys the build cache.
 */
public final class LabSpec {

    /** Bumped whenever the build output changes for the same spec, so stale caches are not reused. */
    static final String FORMAT = "patchctl-lab/3";

    private final List<LabRpm> base;
    private final List<LabRpm> updates;
    private final List<LabAdvisory> advisories;

    private LabSpec(Builder b) {
        this.base = List.copyOf(b.base);
        this.updates = List.copyOf(b.updates);
        this.advisories = List.copyOf(b.advisories);
        Set<String> files = new HashSet<>();
        for (LabRpm rpm : all()) {
            if (!files.add(rpm.fileName())) {
                throw new IllegalArgumentException("two lab packages would share the file name " + rpm.fileName());
            }
        }
        Set<String> ids = new HashSet<>();
        for (LabAdvisory a : advisories) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("duplicate advisory id " + a.id());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<LabRpm> base() {
        return base;
    }

    public List<LabRpm> updates() {
        return updates;
    }

    public List<LabAdvisory> advisories() {
        return advisories;
    }

    public List<LabRpm> all() {
        List<LabRpm> all = new ArrayList<>(base);
        all.addAll(updates);
        return all;
    }

    public Optional<LabRpm> basePackage(String name) {
        return base.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The newest update of {@code name} (the last one added). */
    public Optional<LabRpm> latestUpdate(String name) {
        LabRpm found = null;
        for (LabRpm r : updates) {
            if (r.name().equals(name)) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    /** SHA-256 over everything that determines the build output. */
    public String fingerprint() {
        return sha256(FORMAT + "\n" + base + "\n" + updates + "\n" + advisories);
    }

    static String sha256(String canonical) {
        return Sha256.hex(canonical).substring(0, 16);
    }

    public static final class Builder {
        private final List<LabRpm> base = new ArrayList<>();
        private final List<LabRpm> updates = new ArrayList<>();
        private final List<LabAdvisory> advisories = new ArrayList<>();

        public Builder base(LabRpm... rpms) {
            base.addAll(List.of(rpms));
            return this;
        }

        public Builder update(LabRpm... rpms) {
            updates.addAll(List.of(rpms));
            return this;
        }

        public Builder advisory(LabAdvisory advisory) {
            advisories.add(advisory);
            return this;
        }

        /** A package in base at {@code baseEvr}, its update at {@code updateEvr}, and a security advisory for it. */
        public Builder securityUpdate(String name, String arch, String baseEvr, String updateEvr, String advisoryId,
                                      String severity, String... cves) {
            LabRpm update = LabRpm.of(name, updateEvr, arch);
            base(LabRpm.of(name, baseEvr, arch));
            update(update);
            return advisory(LabAdvisory.security(advisoryId, severity, List.of(cves), update));
        }

        /** A package in base only: installed, never updated. */
        public Builder stable(String name, String arch, String evr) {
            return base(LabRpm.of(name, evr, arch));
        }

        public LabSpec build() {
            return new LabSpec(this);
        }
    }
}
