package io.patchctl.core.rollout;

import io.patchctl.core.advisory.RpmVersion;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.plan.HoldRule;
import io.patchctl.core.plan.PatchPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ring lets a host install. The first ring (and a run without rings) is {@link #open()}: every
 * discovered update. A later ring is {@link #gated}: only builds (name, arch, EVR) in the approval
 * promoted from the previous ring; any other update, including a newer EVR of an approved package,
 * is held with the reason, and an approved package is installed at exactly its approved EVR
 * ({@link #installSpec}): dnf would otherwise take the newest one the repository offers.
 */
public final class RingGate implements HoldRule {

    private final String ring;
    private final String from;
    private final RingApproval approval; // null: open, or gated with nothing approved yet
    private final boolean gated;

    private RingGate(String ring, String from, RingApproval approval, boolean gated) {
        this.ring = ring;
        this.from = from;
        this.approval = approval;
        this.gated = gated;
    }

    /** No gate: the first ring, or no rings at all. */
    public static RingGate open() {
        return new RingGate(null, null, null, false);
    }

    /** The first ring {@code ring}: open like {@link #open()}, but its runs' reports name the ring. */
    public static RingGate first(String ring) {
        return new RingGate(Objects.requireNonNull(ring, "ring"), null, null, false);
    }

    /**
     * @param approval the ring's latest approval, empty when nothing was promoted yet (then everything is held)
     * @throws IllegalArgumentException when the approval was promoted from another ring than {@code from}
     */
    public static RingGate gated(String ring, String from, Optional<RingApproval> approval) {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(from, "from");
        approval.ifPresent(a -> {
            if (!from.equals(a.from())) {
                throw new IllegalArgumentException("ring " + ring + " expects approvals from ring " + from
                        + ", but approval v" + a.version() + " was promoted from ring " + a.from());
            }
        });
        return new RingGate(ring, from, approval.orElse(null), true);
    }

    public boolean isGated() {
        return gated;
    }

    /** The approval this gate enforces, if any. */
    public Optional<RingApproval> approval() {
        return Optional.ofNullable(approval);
    }

    /** The discovered updates this ring may install: all when open, else those at an approved build. */
    public List<SecurityUpdate> eligible(List<SecurityUpdate> discovered) {
        if (!gated) {
            return discovered;
        }
        return discovered.stream().filter(u -> approvedBuild(u).isPresent()).toList();
    }

    @Override
    public Optional<String> holdReason(String name, Collection<SecurityUpdate> updates) {
        if (!gated || updates.stream().anyMatch(u -> approvedBuild(u).isPresent())) {
            return Optional.empty();
        }
        if (approval == null) {
            return Optional.of("ring " + ring + ": nothing promoted from ring " + from + " yet");
        }
        Optional<RingPackage> proven = newestApproved(name);
        return Optional.of("ring " + ring + ": " + (proven.isPresent()
                ? "approval v" + approval.version() + " from ring " + from + " allows only " + proven.get().build()
                : "ring " + from + " has not proven any build of " + name + " (approval v" + approval.version() + ")"));
    }

    /**
     * What dnf is asked for: the name when open; otherwise the newest approved build among the
     * package's discovered updates ({@code name-evr.arch}), so dnf installs exactly that EVR.
     */
    public String installSpec(String name, List<SecurityUpdate> updatesOfName) {
        if (!gated) {
            return name;
        }
        return updatesOfName.stream().map(this::approvedBuild).flatMap(Optional::stream)
                .max(Comparator.comparing(RingPackage::evr, RpmVersion::compareEvr))
                .map(RingPackage::build).orElse(name);
    }

    /** The install specs of {@code approvedNames}, in order. */
    public List<String> installSpecs(List<String> approvedNames, Map<String, List<SecurityUpdate>> byName) {
        List<String> specs = new ArrayList<>();
        for (String name : approvedNames) {
            specs.add(installSpec(name, byName.getOrDefault(name, List.of())));
        }
        return specs;
    }

    /** Report notes: the discovered builds this gate withholds although the package itself is approved at another EVR. */
    public List<String> notes(List<SecurityUpdate> discovered) {
        if (!gated || approval == null) {
            return gated ? List.of("ring " + ring + ": no approval promoted from ring " + from + " yet; every update is held") : List.of();
        }
        List<String> notes = new ArrayList<>();
        notes.add("ring " + ring + ": approval v" + approval.version() + " from ring " + from + " ("
                + approval.packages().size() + " build(s), promoted " + approval.promotedAt() + ")");
        for (SecurityUpdate u : discovered) {
            if (approvedBuild(u).isEmpty()) {
                newestApproved(u.name()).ifPresent(p -> notes.add("ring " + ring + ": " + u.availableNevra() + " ("
                        + u.advisoryId() + ") held: not proven by ring " + from + "; installing at most " + p.build()));
            }
        }
        return notes;
    }

    /** The frozen plan for this update set, if the approval carries one. */
    public Optional<PatchPlan> frozenPlan(String fingerprint) {
        return approval == null ? Optional.empty() : Optional.ofNullable(approval.plans().get(fingerprint));
    }

    /** The ring's name; null for {@link #open()} (no rings). */
    public String ring() {
        return ring;
    }

    private Optional<RingPackage> approvedBuild(SecurityUpdate u) {
        if (approval == null) {
            return Optional.empty();
        }
        return approval.packages().stream().map(RingApproval.Approved::pkg).filter(p -> p.matches(u)).findFirst();
    }

    private Optional<RingPackage> newestApproved(String name) {
        if (approval == null) {
            return Optional.empty();
        }
        return approval.packages().stream().map(RingApproval.Approved::pkg).filter(p -> p.name().equals(name))
                .max(Comparator.comparing(RingPackage::evr, RpmVersion::compareEvr));
    }
}
